using System;
using System.Collections.Generic;
using System.Globalization;

namespace DtsCrossAccount.Json
{
    /// <summary>
    /// A JSON object that keeps member order (cloud APIs and policy documents are compared and shown in their own order).
    /// Values are: JsonObject, List&lt;object&gt;, string, long, double, bool or null.
    /// The module ships its own JSON so it never loads a second copy of a library the host already has.
    /// </summary>
    internal sealed class JsonObject
    {
        private readonly List<KeyValuePair<string, object>> _members = new List<KeyValuePair<string, object>>();

        public IEnumerable<KeyValuePair<string, object>> Members => _members;

        public int Count => _members.Count;

        public object this[string name]
        {
            get { return TryGet(name, out var v) ? v : null; }
            set { Set(name, value); }
        }

        public JsonObject Set(string name, object value)
        {
            for (int i = 0; i < _members.Count; i++)
            {
                if (string.Equals(_members[i].Key, name, StringComparison.Ordinal))
                {
                    _members[i] = new KeyValuePair<string, object>(name, value);
                    return this;
                }
            }
            _members.Add(new KeyValuePair<string, object>(name, value));
            return this;
        }

        /// <summary>Sets the member only when the value is not null (optional request parameters).</summary>
        public JsonObject SetIfNotNull(string name, object value)
        {
            return value == null ? this : Set(name, value);
        }

        public bool Remove(string name)
        {
            return _members.RemoveAll(m => string.Equals(m.Key, name, StringComparison.Ordinal)) > 0;
        }

        public bool Has(string name) => TryGet(name, out _);

        public bool TryGet(string name, out object value)
        {
            foreach (var m in _members)
            {
                if (string.Equals(m.Key, name, StringComparison.Ordinal)) { value = m.Value; return true; }
            }
            value = null;
            return false;
        }

        /// <summary>Case-insensitive lookup, for documents whose key case varies (policy documents).</summary>
        public bool TryGetIgnoreCase(string name, out object value)
        {
            foreach (var m in _members)
            {
                if (string.Equals(m.Key, name, StringComparison.OrdinalIgnoreCase)) { value = m.Value; return true; }
            }
            value = null;
            return false;
        }

        public string GetString(string name)
        {
            if (!TryGet(name, out var v) || v == null) return null;
            if (v is string s) return s;
            if (v is bool b) return b ? "true" : "false";
            if (v is long l) return l.ToString(CultureInfo.InvariantCulture);
            if (v is double d) return d.ToString("R", CultureInfo.InvariantCulture);
            return Json.Serialize(v);
        }

        public long? GetInt64(string name)
        {
            if (!TryGet(name, out var v) || v == null) return null;
            if (v is long l) return l;
            if (v is double d) return (long)d;
            if (v is string s && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p)) return p;
            return null;
        }

        public bool? GetBoolean(string name)
        {
            if (!TryGet(name, out var v) || v == null) return null;
            if (v is bool b) return b;
            if (v is string s && bool.TryParse(s, out var p)) return p;
            return null;
        }

        public JsonObject GetObject(string name) => TryGet(name, out var v) ? v as JsonObject : null;

        public List<object> GetArray(string name) => TryGet(name, out var v) ? v as List<object> : null;

        /// <summary>The members of an array that are objects; an absent array gives an empty sequence.</summary>
        public IEnumerable<JsonObject> GetObjects(string name)
        {
            var a = GetArray(name);
            if (a == null) yield break;
            foreach (var item in a)
            {
                if (item is JsonObject o) yield return o;
            }
        }

        public override string ToString() => Json.Serialize(this);
    }
}
