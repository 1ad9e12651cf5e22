<#
.SYNOPSIS
    Runs every script in docs/examples against the emulator while it fails about a fifth of the calls, once per seed,
    re-running a script that stops (as a user would, up to 5 times); prints per run the attempts it took, the faults that
    fired, the replayed-signature refusals and the throttling answers, and the totals.

.DESCRIPTION
    dotnet build src/DtsCrossAccount -c Release; dotnet tool restore
    dotnet pwsh -NoProfile -File benchmarks/examples-under-faults.ps1 [-Seed 20261201,20261202,20261203] [-Example quickstart,offboard] [-PlanFile plan.json]

    Each (example, seed) gets a fresh emulator started by `./build.ps1 -Task Emulator -FaultPlan` (dot-sourced, so the
    examples run in this session as a user's would, with the sandbox profiles and the runbook's credential stand-in) and
    the fault plan of README "Faults, retries and rate limits" (benchmarks/faults-one-fifth.json) with that seed:
    throttling, 5xx before and after the request ran, a reset connection, a lost answer (4.5% each) and 20 ms latency (5%). "Attempts" is how many runs the
    script needed to finish (1 = it finished at its first run); a script still failing after 5 fails the benchmark.
    "Nonce refusals" counts requests the emulator refused as a replayed Alibaba signature (SignatureNonceUsed): a request
    re-sent with a spent nonce, which the module must never do. -PlanFile plays another plan (its "seed" is set to each
    -Seed in turn); -Example runs only the examples of those names. The examples' own host output is shown as they run.
#>
[CmdletBinding()]
param(
    [long[]] $Seed = @(20261201, 20261202, 20261203),
    [ValidateRange(1, 10)]
    [int] $MaxAttempts = 5,
    [string[]] $Example,
    [string] $PlanFile = (Join-Path $PSScriptRoot 'faults-one-fifth.json')
)
$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot -Parent
$work = Join-Path ([IO.Path]::GetTempPath()) ("dts-faults-" + [guid]::NewGuid().ToString('N'))
New-Item -ItemType Directory $work | Out-Null
$examples = @(Get-ChildItem (Join-Path $root 'docs/examples') -Filter *.ps1 | Sort-Object Name | Where-Object { -not $Example -or $_.BaseName -in $Example })
if ($examples.Count -eq 0) { throw "No example in docs/examples is named $($Example -join ', ')." }
$faults = (Get-Content -Raw -LiteralPath $PlanFile | ConvertFrom-Json -AsHashtable).faults
$pidFile = Join-Path $root 'out/sandbox/emulator.pid'
$results = [Collections.Generic.List[object]]::new()
try {
    foreach ($s in $Seed) {
        $plan = Join-Path $work "faults-$s.json"
        @{ seed = $s; faults = @($faults) } | ConvertTo-Json -Depth 4 | Set-Content $plan
        foreach ($file in $examples) {
            # A fresh emulator with this plan; build.ps1 stops the previous one and sets this session's environment.
            . (Join-Path $root 'build.ps1') -Task Emulator -FaultPlan $plan 6>$null | Out-Null
            $attempts = 0
            $errors = @()
            do {
                $attempts++
                try {
                    & $file.FullName *>$null
                    $done = $true
                }
                catch {
                    $done = $false
                    $errors += $_.Exception.Message
                }
            } until ($done -or $attempts -ge $MaxAttempts)
            # Invoke-RestMethod writes the JSON array as one object: enumerate it.
            $calls = @(Invoke-RestMethod "$env:DTSCROSSACCOUNT_ENDPOINT_URL/_emulator/calls" | ForEach-Object { $_ })
            $results.Add([pscustomobject]@{
                    Example        = $file.BaseName
                    Seed           = $s
                    Attempts       = if ($done) { $attempts } else { "failed after $attempts" }
                    Calls          = $calls.Count
                    FaultsFired    = @($calls | Where-Object { $_.Fault -or $_.Result -eq 'Reset' }).Count
                    NonceRefusals  = @($calls | Where-Object Result -Match 'SignatureNonceUsed').Count
                    Throttled      = @($calls | Where-Object { $_.Fault -match 'throttle' -or $_.Result -match 'LimitExceeded|Throttling' }).Count
                    FirstError     = ($errors | Select-Object -First 1)
                })
        }
    }
}
finally {
    if (Test-Path $pidFile) { Stop-Process -Id ([int](Get-Content $pidFile)) -ErrorAction SilentlyContinue }
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}
$results | Format-Table Example, Seed, Attempts, Calls, FaultsFired, NonceRefusals, Throttled -AutoSize | Out-String -Width 120 | Write-Host
$failed = @($results | Where-Object { $_.Attempts -isnot [int] })
$rerun = @($results | Where-Object { $_.Attempts -is [int] -and $_.Attempts -gt 1 })
$calls = ($results | Measure-Object Calls -Sum).Sum
$fired = ($results | Measure-Object FaultsFired -Sum).Sum
$nonce = ($results | Measure-Object NonceRefusals -Sum).Sum
Write-Host ("{0} runs: {1} finished at the first run, {2} needed a re-run, {3} failed; {4} faults fired in {5} calls ({6:p0}); {7} replayed-nonce refusals" -f
    $results.Count, ($results.Count - $rerun.Count - $failed.Count), $rerun.Count, $failed.Count, $fired, $calls, ($fired / [math]::Max(1, $calls)), $nonce)
foreach ($r in $rerun + $failed) { Write-Host "  $($r.Example) (seed $($r.Seed)): $($r.FirstError)" }
if ($failed.Count -gt 0) { throw "$($failed.Count) example run(s) still failed after $MaxAttempts attempts." }
