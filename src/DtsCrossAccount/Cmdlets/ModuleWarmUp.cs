using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Threading;
using DtsCrossAccount.Signing;
using DtsCrossAccount.Transport;

namespace DtsCrossAccount.Cmdlets
{
    /// <summary>
    /// Starts, once per process and on a thread-pool thread, the one-time work every first API call pays for: the shared
    /// HttpClient and its handler, the crypto library behind HMAC-SHA256 and SHA-256, and the first run (JIT) of the signers,
    /// the JSON reader and writer and the request headers. It sends nothing, reads no file and needs no credential, so it
    /// can run while PowerShell is still finding and binding the first command; a failure here only means no head start.
    /// </summary>
    public sealed class ModuleWarmUp : IModuleAssemblyInitializer
    {
        private static int _started;

        /// <summary>Called by PowerShell on every import into a runspace; the work runs for the first one only.</summary>
        public void OnImport()
        {
            if (Interlocked.Exchange(ref _started, 1) != 0) return;
            ThreadPool.QueueUserWorkItem(_ => Run());
        }

        private static void Run()
        {
            try
            {
                RuntimeHelpers.RunClassConstructor(typeof(HttpTransport).TypeHandle);
                var body = SigningPrimitives.Utf8.GetBytes(Json.Json.Serialize(new Json.JsonObject()));
                var tencent = Tc3Signer.SignPost("warm-up", "warm-up", "sts", "sts.tencentcloudapi.com", "application/json", 0, body);
                var headers = new List<KeyValuePair<string, string>>
                {
                    new KeyValuePair<string, string>("host", "sts.aliyuncs.com"),
                    new KeyValuePair<string, string>("x-acs-content-sha256", AcsV3Signer.EmptyBodySha256),
                };
                AcsV3Signer.Sign("POST", "/", new List<KeyValuePair<string, string>>(), headers, AcsV3Signer.EmptyBodySha256, "warm-up", "warm-up");
                Json.Json.TryParseObject("{\"Response\":{\"RequestId\":\"warm-up\",\"Items\":[1,true,null,\"x\"]}}", out _);
                using (var message = new HttpRequestMessage(HttpMethod.Post, "https://sts.tencentcloudapi.com/") { Content = new ByteArrayContent(body) })
                {
                    message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
                    message.Headers.TryAddWithoutValidation("Authorization", tencent.Authorization);
                }
            }
            catch (Exception)
            {
                // Only a head start: the first real call does the same work and reports any real problem.
            }
        }
    }
}
