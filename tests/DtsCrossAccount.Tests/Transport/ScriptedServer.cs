#nullable enable
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DtsCrossAccount.Tests.Transport;

/// <summary>
/// A keep-alive HTTP/1.1 server on loopback (bound to port 0 and held for the test) that answers each request with the
/// next scripted answer (status, extra header lines, body), and notes when each request arrived and its request head.
/// For answers the emulator never gives: a server-requested wait, a redirect, a cookie.
/// </summary>
internal sealed class ScriptedServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Queue<(int Status, string? Headers, string Body)> _answers;
    public readonly List<long> Arrivals = new();
    private readonly List<string> _heads = new();

    public ScriptedServer(params (int, string?, string)[] answers)
    {
        _answers = new(answers);
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public Uri Url => new("http://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port + "/");

    /// <summary>The request line and headers of every request received, in order.</summary>
    public List<string> Heads()
    {
        lock (Arrivals) return _heads.ToList();
    }

    private async Task ServeAsync()
    {
        while (true)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(); } catch { return; }
            _ = Task.Run(() => ServeConnectionAsync(client));
        }
    }

    private async Task ServeConnectionAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var buffer = new byte[65536];
            while (true)
            {
                // Read the head, then as many body bytes as Content-Length says.
                var head = new StringBuilder();
                int read;
                while (!head.ToString().Contains("\r\n\r\n"))
                {
                    try { read = await stream.ReadAsync(buffer.AsMemory(0, 1)); } catch (IOException) { return; }
                    if (read == 0) return;
                    head.Append((char)buffer[0]);
                }
                var length = head.ToString().Split("\r\n").Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                    .Select(l => int.Parse(l["Content-Length:".Length..].Trim())).FirstOrDefault();
                for (int got = 0; got < length; got += read)
                    if ((read = await stream.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, length - got)))) == 0) return;
                (int Status, string? Headers, string Body) answer;
                lock (Arrivals)
                {
                    Arrivals.Add(Stopwatch.GetTimestamp());
                    _heads.Add(head.ToString());
                    answer = _answers.Count > 0 ? _answers.Dequeue() : (500, null, "{}");
                }
                var body = Encoding.UTF8.GetBytes(answer.Body);
                var text = "HTTP/1.1 " + answer.Status + " X\r\nContent-Type: application/json;charset=utf-8\r\nContent-Length: " + body.Length + "\r\n"
                    + (answer.Headers == null ? "" : answer.Headers + "\r\n") + "\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(text));
                await stream.WriteAsync(body);
            }
        }
    }

    public double MillisecondsBetweenArrivals(int first, int second)
    {
        lock (Arrivals) return (Arrivals[second] - Arrivals[first]) * 1000.0 / Stopwatch.Frequency;
    }

    public void Dispose() => _listener.Stop();
}
