using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Threading;
using DtsCrossAccount.Core;
using DtsCrossAccount.Signing;
using DtsCrossAccount.Transport;

namespace DtsCrossAccount.Cmdlets
{
    /// <summary>
    /// Starts, once per process and on a thread-pool thread, the one-time work every first API call pays for: the shared
    /// HttpClient and its handler, the crypto library behind HMAC-SHA256 and SHA-256, the first run of the signers and the
    /// JSON reader and writer, .NET's HTTP stack run once end to end against a listener on 127.0.0.1 that lives only for
    /// that exchange (<see cref="LoopbackWarmUp"/>), the JIT compilation of the module's shared code
    /// (<see cref="Precompiler"/>), and last the regular expressions of the input checks (<see cref="PatternInitializer"/>)
    /// and the first-time work of PowerShell's parameter binding (<see cref="ParameterBindingWarmUp"/>). It sends nothing
    /// off the machine, reads no file and needs no credential, so it runs while PowerShell finishes the import and the
    /// user or script gets to the first command; a failure here only means no head start. DTSCROSSACCOUNT_WARMUP=0 turns
    /// it off.
    /// </summary>
    public sealed class ModuleWarmUp : IModuleAssemblyInitializer
    {
        internal const string SwitchVariable = "DTSCROSSACCOUNT_WARMUP";
        private static int _started;

        /// <summary>Set when the warm-up has ended (or was turned off); tests wait on it.</summary>
        internal static readonly ManualResetEventSlim Finished = new ManualResetEventSlim();
        /// <summary>The loopback exchange's answer, or null when it did not take place.</summary>
        internal static HttpResult LoopbackAnswer { get; private set; }
        internal static (int Compiled, int Refused) Precompiled { get; private set; }
        /// <summary>How many types' static patterns the warm-up built.</summary>
        internal static int PatternTypes { get; private set; }
        /// <summary>How many cmdlets' command metadata the warm-up built.</summary>
        internal static int CmdletMetadata { get; private set; }
        /// <summary>Set when the warm-up has compiled its parameter setters.</summary>
        internal static bool SettersCompiled { get; private set; }
        /// <summary>What ended the warm-up early, if anything (it never reaches the user).</summary>
        internal static Exception Failure { get; private set; }

        /// <summary>Called by PowerShell on every import into a runspace; the work runs for the first one only.</summary>
        public void OnImport()
        {
            if (Interlocked.Exchange(ref _started, 1) != 0) return;
            if (!IsEnabled(Environment.GetEnvironmentVariable(SwitchVariable)))
            {
                Finished.Set();
                return;
            }
            ThreadPool.QueueUserWorkItem(_ => Run());
        }

        /// <summary>On unless the switch variable says 0, false or off.</summary>
        internal static bool IsEnabled(string switchValue)
        {
            var v = (switchValue ?? "").Trim();
            return !(v == "0" || string.Equals(v, "false", StringComparison.OrdinalIgnoreCase) || string.Equals(v, "off", StringComparison.OrdinalIgnoreCase));
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
                using (var message = new HttpRequestMessage(HttpMethod.Post, "https://sts.tencentcloudapi.com/") { Content = new ByteArrayContent(body) })
                {
                    message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
                    message.Headers.Host = "sts.tencentcloudapi.com";
                    message.Headers.TryAddWithoutValidation("Authorization", tencent.Authorization);
                    message.Headers.TryAddWithoutValidation("X-TC-Action", "GetCallerIdentity");
                    // The answer goes through the JSON reader as every API answer does.
                    LoopbackAnswer = LoopbackWarmUp.Exchange(message, TimeSpan.FromSeconds(10));
                }
                Precompiled = Precompiler.SharedCode(typeof(ModuleWarmUp).Assembly);
                // Last: they save a first call less per millisecond of the warm-up than HTTP and the compiling do, so a
                // command typed or run sooner than the whole warm-up takes (about 0.2 s) gets those two first.
                PatternTypes = PatternInitializer.BuildAll(typeof(ModuleWarmUp).Assembly);
                CmdletMetadata = ParameterBindingWarmUp.CommandMetadataOfEveryCmdlet(typeof(ModuleWarmUp).Assembly).Count;
                SettersCompiled = ParameterBindingWarmUp.CompileSetters() != null;
            }
            catch (Exception e)
            {
                // Only a head start: the first real call does the same work and reports any real problem.
                Failure = e;
            }
            finally
            {
                Finished.Set();
            }
        }
    }
}
