// The module reads process-wide environment variables (endpoint override, credential files), so test classes
// that host runspaces must not run side by side.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
