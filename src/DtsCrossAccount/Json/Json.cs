using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace DtsCrossAccount.Json
{
    /// <summary>Minimal RFC 8259 reader and writer over JsonObject / List&lt;object&gt; / primitives.</summary>
    internal static class Json
    {
        public static object Parse(string text)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            var reader = new Reader(text);
            reader.SkipWhitespace();
            var value = reader.ReadValue(0);
            reader.SkipWhitespace();
            if (!reader.AtEnd) throw reader.Error("unexpected text after the JSON value");
            return value;
        }

        public static JsonObject ParseObject(string text)
        {
            var value = Parse(text);
            return value as JsonObject ?? throw new FormatException("JSON: expected an object.");
        }

        public static bool TryParseObject(string text, out JsonObject result)
        {
            result = null;
            if (string.IsNullOrWhiteSpace(text)) return false;
            try { result = Parse(text) as JsonObject; return result != null; }
            catch (FormatException) { return false; }
        }

        public static string Serialize(object value)
        {
            var sb = new StringBuilder();
            Write(sb, value);
            return sb.ToString();
        }

        private static void Write(StringBuilder sb, object value)
        {
            switch (value)
            {
                case null: sb.Append("null"); return;
                case string s: WriteString(sb, s); return;
                case bool b: sb.Append(b ? "true" : "false"); return;
                case JsonObject o:
                    sb.Append('{');
                    bool first = true;
                    foreach (var m in o.Members)
                    {
                        if (!first) sb.Append(',');
                        first = false;
                        WriteString(sb, m.Key);
                        sb.Append(':');
                        Write(sb, m.Value);
                    }
                    sb.Append('}');
                    return;
                case IDictionary<string, object> d:
                    var copy = new JsonObject();
                    foreach (var kv in d) copy.Set(kv.Key, kv.Value);
                    Write(sb, copy);
                    return;
                case int i: sb.Append(i.ToString(CultureInfo.InvariantCulture)); return;
                case long l: sb.Append(l.ToString(CultureInfo.InvariantCulture)); return;
                case double db:
                    if (double.IsNaN(db) || double.IsInfinity(db)) throw new FormatException("JSON cannot hold NaN or Infinity.");
                    sb.Append(db.ToString("R", CultureInfo.InvariantCulture));
                    return;
                case IEnumerable e:
                    sb.Append('[');
                    bool firstItem = true;
                    foreach (var item in e)
                    {
                        if (!firstItem) sb.Append(',');
                        firstItem = false;
                        Write(sb, item);
                    }
                    sb.Append(']');
                    return;
                default:
                    if (value is IFormattable f) { sb.Append(f.ToString(null, CultureInfo.InvariantCulture)); return; }
                    WriteString(sb, value.ToString());
                    return;
            }
        }

        private static void WriteString(StringBuilder sb, string s)
        {
            sb.Append('"');
            foreach (char c in s)
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    case '\b': sb.Append("\\b"); break;
                    case '\f': sb.Append("\\f"); break;
                    default:
                        if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else sb.Append(c);
                        break;
                }
            }
            sb.Append('"');
        }

        private sealed class Reader
        {
            private const int MaxDepth = 256;
            private readonly string _s;
            private int _pos;

            public Reader(string s) { _s = s; }

            public bool AtEnd => _pos >= _s.Length;

            public FormatException Error(string what) =>
                new FormatException(string.Format(CultureInfo.InvariantCulture, "JSON: {0} at offset {1}.", what, _pos));

            public void SkipWhitespace()
            {
                while (_pos < _s.Length && (_s[_pos] == ' ' || _s[_pos] == '\t' || _s[_pos] == '\n' || _s[_pos] == '\r')) _pos++;
            }

            public object ReadValue(int depth)
            {
                if (depth > MaxDepth) throw Error("nesting too deep");
                if (AtEnd) throw Error("unexpected end");
                char c = _s[_pos];
                switch (c)
                {
                    case '{': return ReadObject(depth);
                    case '[': return ReadArray(depth);
                    case '"': return ReadString();
                    case 't': Expect("true"); return true;
                    case 'f': Expect("false"); return false;
                    case 'n': Expect("null"); return null;
                    default:
                        if (c == '-' || (c >= '0' && c <= '9')) return ReadNumber();
                        throw Error("unexpected character '" + c + "'");
                }
            }

            private void Expect(string word)
            {
                if (string.CompareOrdinal(_s, _pos, word, 0, word.Length) != 0) throw Error("invalid literal");
                _pos += word.Length;
            }

            private JsonObject ReadObject(int depth)
            {
                var obj = new JsonObject();
                _pos++;
                SkipWhitespace();
                if (!AtEnd && _s[_pos] == '}') { _pos++; return obj; }
                while (true)
                {
                    SkipWhitespace();
                    if (AtEnd || _s[_pos] != '"') throw Error("expected a member name");
                    string name = ReadString();
                    SkipWhitespace();
                    if (AtEnd || _s[_pos] != ':') throw Error("expected ':'");
                    _pos++;
                    SkipWhitespace();
                    obj.Set(name, ReadValue(depth + 1));
                    SkipWhitespace();
                    if (AtEnd) throw Error("unexpected end in object");
                    if (_s[_pos] == ',') { _pos++; continue; }
                    if (_s[_pos] == '}') { _pos++; return obj; }
                    throw Error("expected ',' or '}'");
                }
            }

            private List<object> ReadArray(int depth)
            {
                var list = new List<object>();
                _pos++;
                SkipWhitespace();
                if (!AtEnd && _s[_pos] == ']') { _pos++; return list; }
                while (true)
                {
                    SkipWhitespace();
                    list.Add(ReadValue(depth + 1));
                    SkipWhitespace();
                    if (AtEnd) throw Error("unexpected end in array");
                    if (_s[_pos] == ',') { _pos++; continue; }
                    if (_s[_pos] == ']') { _pos++; return list; }
                    throw Error("expected ',' or ']'");
                }
            }

            private string ReadString()
            {
                _pos++; // opening quote
                var sb = new StringBuilder();
                while (true)
                {
                    if (AtEnd) throw Error("unterminated string");
                    char c = _s[_pos++];
                    if (c == '"') return sb.ToString();
                    if (c == '\\')
                    {
                        if (AtEnd) throw Error("unterminated escape");
                        char e = _s[_pos++];
                        switch (e)
                        {
                            case '"': sb.Append('"'); break;
                            case '\\': sb.Append('\\'); break;
                            case '/': sb.Append('/'); break;
                            case 'b': sb.Append('\b'); break;
                            case 'f': sb.Append('\f'); break;
                            case 'n': sb.Append('\n'); break;
                            case 'r': sb.Append('\r'); break;
                            case 't': sb.Append('\t'); break;
                            case 'u':
                                if (_pos + 4 > _s.Length) throw Error("bad \\u escape");
                                if (!int.TryParse(_s.Substring(_pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code))
                                    throw Error("bad \\u escape");
                                sb.Append((char)code);
                                _pos += 4;
                                break;
                            default: throw Error("bad escape");
                        }
                    }
                    else if (c < 0x20) throw Error("control character in string");
                    else sb.Append(c);
                }
            }

            private object ReadNumber()
            {
                int start = _pos;
                if (_s[_pos] == '-') _pos++;
                bool isInteger = true;
                while (_pos < _s.Length)
                {
                    char c = _s[_pos];
                    if (c >= '0' && c <= '9') { _pos++; continue; }
                    if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') { isInteger = false; _pos++; continue; }
                    break;
                }
                string token = _s.Substring(start, _pos - start);
                if (isInteger && long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l)) return l;
                if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)) return d;
                throw Error("invalid number '" + token + "'");
            }
        }
    }
}
