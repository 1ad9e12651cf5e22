using DtsCrossAccount.Emulator;
using DtsCrossAccount.Transport;

namespace DtsCrossAccount.Tests.Infrastructure;

/// <summary>
/// Starts an in-process emulator for one test. Its port may be one an earlier test's emulator used, with the same seeded
/// keys: what the module's process-wide caller-identity cache learned there is dropped, so the new emulator is asked
/// "who am I" like any new endpoint and the tests that count calls see the first run's GetCallerIdentity.
/// </summary>
public static class FreshEmulator
{
    public static async Task<EmulatorServer> StartAsync(string? seedJson = null, string? faultPlanJson = null)
    {
        var server = await EmulatorServer.StartAsync(0, seedJson ?? global::DtsCrossAccount.Emulator.Core.Seed.DefaultSeedJson(), faultPlanJson);
        Forget(server);
        return server;
    }

    /// <summary>For emulators started elsewhere (the Sandbox): called before the script runs.</summary>
    public static void Forget(EmulatorServer server) => CallerIdentityCache.Forget(server.BaseUrl);
}
