// Test classes run in parallel (xunit's default: one collection per class, as many at a time as there are cores).
// That is safe because no test shares process-wide state by accident: each ModuleSession has its own emulator on a port
// it bound itself, and passes -EndpointUrl to its own runspace; the default seed's profile files are written once per
// test process (TestProcessEnvironment). The module does read process-wide environment variables (endpoint override,
// credential files and keys) and the Sandbox sets them for the scripts it runs, so the classes that change them are in
// the one non-parallel collection "Process environment" (ProcessEnvironmentCollection), which xunit runs alone, and
// each of them restores the saved values. The emulator signal tests join it too: they time a 5-second exit, which must
// not compete with CPU-heavy classes.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = false)]
