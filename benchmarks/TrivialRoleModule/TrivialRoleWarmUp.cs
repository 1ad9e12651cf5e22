using System;
using System.Management.Automation;
using System.Net.Http;
using System.Threading;

namespace TrivialRoleModule
{
    /// <summary>
    /// The most a module could do ahead for its first request, for import-cost.ps1's "floor" kind: when
    /// TRIVIALROLE_WARMUP_URL is set, a background thread started at import sends one POST to that very endpoint through the
    /// one HttpClient New-TrivialRole uses, so .NET's HTTP stack is compiled and a pooled connection is open before the
    /// first call. (A real module cannot open its connection ahead: it must not call a cloud the user has not asked for.)
    /// </summary>
    public sealed class TrivialRoleWarmUp : IModuleAssemblyInitializer
    {
        private static readonly HttpClient Client = new HttpClient();

        public void OnImport()
        {
            string url = Environment.GetEnvironmentVariable("TRIVIALROLE_WARMUP_URL");
            if (string.IsNullOrEmpty(url))
                return;
            new Thread(() => Post(new Uri(url))) { IsBackground = true }.Start();
        }

        internal static void Post(Uri uri)
        {
            using (var response = Client.PostAsync(uri, new StringContent("{}")).GetAwaiter().GetResult())
                response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        }
    }
}
