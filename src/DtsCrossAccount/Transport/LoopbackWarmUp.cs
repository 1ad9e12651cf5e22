using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;

namespace DtsCrossAccount.Transport
{
    /// <summary>
    /// Sends one request through .NET's HTTP client stack to a one-shot listener that this process opens on 127.0.0.1 and
    /// closes again, so that the connection pool, the socket connect, the HTTP/1.1 writer and parser and the response
    /// buffering are loaded and compiled before the first API call needs them: in a fresh PowerShell 7 process that first
    /// use costs about 100 ms, several times a cmdlet's own cost. Nothing leaves the machine (the listener binds the
    /// loopback address only, the client uses no proxy) and the exchange is bounded by a timeout.
    /// </summary>
    internal static class LoopbackWarmUp
    {
        private const string Answer = "{\"Response\":{\"RequestId\":\"warm-up\"}}";

        /// <summary>
        /// Sends <paramref name="request"/> (its address is replaced by the listener's) and returns the answer, or null when
        /// loopback sockets are not available here (a locked-down host), which only means no head start.
        /// </summary>
        public static HttpResult Exchange(HttpRequestMessage request, TimeSpan timeout)
        {
            TcpListener listener;
            try
            {
                listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start(1);
            }
            catch (SocketException)
            {
                return null;
            }
            var answering = new Thread(() => AnswerOnce(listener, timeout)) { IsBackground = true, Name = "DtsCrossAccount warm-up" };
            try
            {
                answering.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                request.RequestUri = new Uri("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture) + "/");
                using (var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false })
                using (var client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan })
                    return HttpTransport.SendOnce(client, request, timeout, CancellationToken.None);
            }
            catch (Exception e) when (e is HttpRequestException || e is OperationCanceledException || e is SocketException || e is System.IO.IOException)
            {
                return null;
            }
            finally
            {
                // Closing the listener also ends an accept that never got its connection.
                listener.Stop();
                answering.Join(timeout);
            }
        }

        /// <summary>Accepts one connection, reads the request (headers and Content-Length body) and answers 200 with JSON.</summary>
        private static void AnswerOnce(TcpListener listener, TimeSpan timeout)
        {
            try
            {
                using (var socket = listener.AcceptSocket())
                {
                    // The same bound as the exchange, so a slow client is not cut off before it gives up itself.
                    socket.ReceiveTimeout = (int)timeout.TotalMilliseconds;
                    var buffer = new byte[16 * 1024];
                    var read = 0;
                    var need = -1;
                    while (read < buffer.Length && (need < 0 || read < need))
                    {
                        var n = socket.Receive(buffer, read, buffer.Length - read, SocketFlags.None);
                        if (n == 0) break;
                        read += n;
                        if (need < 0) need = RequestLength(buffer, read);
                    }
                    var body = Encoding.UTF8.GetBytes(Answer);
                    var head = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                        body.Length.ToString(CultureInfo.InvariantCulture) + "\r\nConnection: close\r\n\r\n");
                    socket.Send(head);
                    socket.Send(body);
                    socket.Shutdown(SocketShutdown.Both);
                }
            }
            catch (SocketException)
            {
                // The listener was closed (the client gave up) or the client went away: nothing to answer.
            }
            catch (ObjectDisposedException)
            {
            }
        }

        /// <summary>The whole request's length once its headers are in (headers plus Content-Length), else -1.</summary>
        internal static int RequestLength(byte[] buffer, int count)
        {
            var text = Encoding.ASCII.GetString(buffer, 0, count);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0) return -1;
            var length = 0;
            foreach (var line in text.Substring(0, end).Split(new[] { "\r\n" }, StringSplitOptions.None))
            {
                var colon = line.IndexOf(':');
                if (colon > 0 && string.Equals(line.Substring(0, colon).Trim(), "Content-Length", StringComparison.OrdinalIgnoreCase))
                    int.TryParse(line.Substring(colon + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out length);
            }
            return end + 4 + length;
        }
    }
}
