#Requires -Version 7.0
<#
.SYNOPSIS
    Mutation testing (Stryker.NET) of the code where a bug costs users most, one area at a time, with the score per area.
.DESCRIPTION
    Not part of CI: each area takes minutes to hours. Each area mutates only its own files and runs the tests that exercise
    them (the test filter keeps a run affordable; a mutant that survives the filter may still be killed by another part of
    the suite, so a filtered score is a lower bound). Reports land in out/mutation/<area>/ (html + json); the script
    prints "<area>: <score>% (killed/total), survivors: ..." per area. See tests/mutation/README.md.
.EXAMPLE
    dotnet tool restore; dotnet pwsh tests/mutation/run-mutation.ps1 -Area Signing
.EXAMPLE
    dotnet pwsh tests/mutation/run-mutation.ps1 -Area All -Concurrency 2
.EXAMPLE
    # A few files of an area against the fast tests that target them (what the README's scores were measured with).
    dotnet pwsh tests/mutation/run-mutation.ps1 -Area Transport -Files '**/Transport/RetryPolicy.cs','**/Transport/RateLimiter.cs' -Tests 'FullyQualifiedName~.Transport.' -Label retry
#>
[CmdletBinding()]
param(
    [ValidateSet('Signing', 'Transport', 'Credentials', 'Policies', 'SyncTask', 'All')]
    [string[]] $Area = 'All',
    [ValidateRange(1, 64)]
    [int] $Concurrency = 1,
    # Narrower than an area: only these files (globs relative to src/DtsCrossAccount, e.g. '**/Transport/RetryPolicy.cs').
    # With one -Area, replaces its file list; the report goes to out/mutation/<area>-<label>/.
    [string[]] $Files,
    # Narrower than an area: this test filter (dotnet test --filter syntax) instead of the area's.
    [string] $Tests,
    # Names the narrowed run's report folder (default: "files").
    [ValidatePattern('\A[A-Za-z0-9-]{1,40}\z')]
    [string] $Label = 'files'
)
$ErrorActionPreference = 'Stop'
$root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

# Area -> files mutated (globs relative to src/DtsCrossAccount) and the tests run against each mutant (dotnet test --filter syntax).
$areas = [ordered]@{
    Signing     = @{ Mutate = @('**/Signing/*.cs')
                     Tests  = 'FullyQualifiedName~.Signing.|FullyQualifiedName~.Transport.' }
    Transport   = @{ Mutate = @('**/Transport/*.cs')
                     Tests  = 'FullyQualifiedName~.Transport.|FullyQualifiedName~.Cmdlets.|FullyQualifiedName~.Security.' }
    Credentials = @{ Mutate = @('**/Credentials/*.cs')
                     Tests  = 'FullyQualifiedName~.Credentials.|FullyQualifiedName~.Cmdlets.|FullyQualifiedName~.Security.' }
    # The documents the module writes and how it reads trust policies back (both providers).
    Policies    = @{ Mutate = @('**/Tencent/TencentPolicyDocuments.cs', '**/Alibaba/AlibabaTrustPolicy.cs', '**/Alibaba/AlibabaProvider.cs', '**/Tencent/TencentProvider.cs')
                     Tests  = 'FullyQualifiedName~.Tencent.|FullyQualifiedName~.Alibaba.|FullyQualifiedName~.Security.|FullyQualifiedName~.Cmdlets.' }
    # Buying, configuring, verifying, starting and resuming a sync task.
    SyncTask    = @{ Mutate = @('**/Tencent/SyncTask/*.cs', '**/Tencent/TencentDts.cs', '**/Alibaba/SyncTask/*.cs', '**/Alibaba/AlibabaDts.cs', '**/Core/TaskNameLock.cs', '**/Services/SyncPreflight.cs')
                     Tests  = 'FullyQualifiedName~.Tencent.|FullyQualifiedName~.Alibaba.|FullyQualifiedName~.Cmdlets.|FullyQualifiedName~.Transport.' }
}
$selected = if ($Area -contains 'All') { @($areas.Keys) } else { $Area }
# From a shell (pwsh -File), 'a','b' arrives as the one string "a,b": split it, as Stryker takes one glob per --mutate.
$Files = @($Files | ForEach-Object { $_ -split ',' } | ForEach-Object { $_.Trim() } | Where-Object { $_ })
$narrowed = $Files.Count -gt 0 -or $Tests
if ($narrowed -and @($selected).Count -ne 1) { throw '-Files and -Tests narrow one area: give exactly one -Area.' }

& dotnet tool restore | Out-Null
if ($LASTEXITCODE -ne 0) { throw 'dotnet tool restore failed: the tool manifest .config/dotnet-tools.json lists dotnet-stryker.' }

$summary = foreach ($name in $selected) {
    $a = @{ Mutate = $areas[$name].Mutate; Tests = $areas[$name].Tests }
    if ($Files) { $a.Mutate = $Files }
    if ($Tests) { $a.Tests = $Tests }
    $out = Join-Path $root ("out/mutation/$name" + $(if ($narrowed) { "-$Label" } else { '' }))
    $strykerArgs = @('stryker', '--config-file', (Join-Path $PSScriptRoot 'stryker-config.json'), '--concurrency', $Concurrency,
        '--test-case-filter', $a.Tests, '--output', $out, '--skip-version-check')
    foreach ($m in $a.Mutate) { $strykerArgs += @('--mutate', $m) }
    Write-Host "== $name : dotnet $($strykerArgs -join ' ')"
    # Stryker runs from the test project's folder.
    Push-Location (Join-Path $root 'tests/DtsCrossAccount.Tests')
    try { & dotnet @strykerArgs | Out-Host } finally { Pop-Location }
    if ($LASTEXITCODE -ne 0) { throw "Stryker failed on area $name (exit $LASTEXITCODE)." }

    $report = Get-ChildItem -Path $out -Recurse -Filter 'mutation-report.json' | Sort-Object LastWriteTime | Select-Object -Last 1
    if (-not $report) { throw "No mutation-report.json under $out." }
    $json = Get-Content $report.FullName -Raw | ConvertFrom-Json
    $mutants = @($json.files.PSObject.Properties | ForEach-Object {
        $file = $_.Name
        $_.Value.mutants | ForEach-Object { $_ | Add-Member -NotePropertyName File -NotePropertyValue $file -PassThru }
    })
    # Stryker's score: detected (Killed + Timeout) / valid (everything but CompileError and Ignored); NoCoverage counts as undetected.
    $detected = @($mutants | Where-Object status -in 'Killed', 'Timeout').Count
    $valid = @($mutants | Where-Object status -notin 'CompileError', 'Ignored').Count
    $score = if ($valid) { [math]::Round(100.0 * $detected / $valid, 1) } else { 0 }
    $survivors = @($mutants | Where-Object status -in 'Survived', 'NoCoverage')
    foreach ($s in $survivors) {
        Write-Host ("  survivor {0} {1}:{2} {3} - {4}" -f $s.status, (Split-Path $s.File -Leaf), $s.location.start.line, $s.mutatorName, $s.replacement)
    }
    [pscustomobject]@{ Area = $name; Score = $score; Detected = $detected; Valid = $valid; Survivors = $survivors.Count; Report = $report.FullName }
}
$summary | Format-Table -AutoSize | Out-String | Write-Host
$summary
