using System;
using DtsCrossAccount.Core;
using DtsCrossAccount.Transport;

namespace DtsCrossAccount.Services
{
    /// <summary>What a provider needs for one cmdlet invocation.</summary>
    internal sealed class ProviderContext
    {
        /// <summary>The caller's credential (resolved by the credential chain); null for validation-only use.</summary>
        public CloudCredential Credential;
        /// <summary>Optional second credential of the database owner (Test-DtsCrossAccountAccess -OwnerCredential).</summary>
        public CloudCredential OwnerCredential;
        public string Region;
        /// <summary>Base URL that replaces every service endpoint of both clouds (-EndpointUrl / DTSCROSSACCOUNT_ENDPOINT_URL).</summary>
        public Uri EndpointOverride;
        public IOperationReporter Reporter = NullReporter.Instance;
        /// <summary>Retry policy, signing clock and rate limiter for every API client of this invocation.</summary>
        public TransportSettings Transport = TransportSettings.Standard();

        /// <summary>
        /// Now and waiting for every long wait of this invocation (polls, -TimeoutSeconds): use it instead of DateTime.UtcNow,
        /// Stopwatch or Thread.Sleep, so tests can run the wait in virtual time (Transport.RunspaceClock).
        /// </summary>
        public IClock Clock => Transport?.Time ?? SystemClock.Instance;
    }
}
