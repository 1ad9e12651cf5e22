<#
.SYNOPSIS
    Times docs/examples/onboard-many-accounts.ps1 onboarding N Tencent source accounts, sequentially and with
    ForEach-Object -Parallel, each run in a fresh pwsh process; prints the medians of wall time and peak memory.

.DESCRIPTION
    dotnet build src/DtsCrossAccount; dotnet tool restore
    dotnet pwsh -NoProfile -File benchmarks/onboard-many.ps1 [-Count 100] [-Repeat 3] [-ThrottleLimit 8[,2,...]] [-BaselineRoot <another checkout>]

    It writes an emulator seed with N source accounts (plus the task account), starts the emulator on a free port with
    --seed, and stops it at the end. Every run creates a new role name in each account, so each run does the full
    work. The time is the example's own run inside the child process (the module is imported first, as a user's
    session has it; the parallel runspaces' own imports are inside the time), with the child's CPU time over the same
    span and the emulator's CPU time over the whole child process, which tell who used the 2 cores. Memory is the
    child's peak working set. One sequential run before the measured ones is not counted: it lets the emulator compile
    its own code, which would otherwise be charged to whichever mode runs first.
    A run fails the benchmark if any account was not onboarded or the emulator answered any call with throttling.
    -BaselineRoot (a checkout of an earlier commit, module built) adds its sequential run to the same interleaving, so the
    parallel run can be compared with the earlier sequential one on the same machine under the same load.
    -LatencyMs N makes the emulator answer every call N ms late (a fault plan of kind latency, passed with --faults), as a
    real cloud endpoint's round trip does; on loopback the calls cost only CPU, which a parallel run cannot add on 2 cores.
    Run it under the copy benchmarks/New-ReadyToRunPwsh.ps1 makes to measure as the release packages' pwsh runs.
#>
[CmdletBinding()]
param(
    [int] $Count = 100,
    [int] $Repeat = 3,
    # One parallel mode per value, interleaved with the sequential run: on loopback the work is CPU-bound, so lanes
    # beyond the cores only add runspaces (each tens of ms of CPU); with network latency more lanes overlap more waits.
    [ValidateRange(2, 64)]
    [int[]] $ThrottleLimit = 8,
    [string] $BaselineRoot,
    [ValidateRange(0, 5000)]
    [int] $LatencyMs = 0
)
$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot -Parent
$work = Join-Path ([IO.Path]::GetTempPath()) ("dts-onboard-" + [guid]::NewGuid().ToString('N'))
New-Item -ItemType Directory $work | Out-Null

# The seed: task account B and N source accounts, each with its own root key.
$accounts = foreach ($i in 1..$Count) {
    $uin = '{0}' -f (200000000000 + $i)
    [ordered]@{ uin = $uin; name = "source-$i"; appId = 1300000000 + $i; secretId = ('AKIDbench{0:d6}source0000000000000' -f $i); secretKey = ('benchsecret{0:d6}xxxxxxxxxxxxxxxx' -f $i) }
}
$seed = @{ tencent = @{ accounts = @(@{ uin = '100000000002'; name = 'task'; appId = 1250000002; secretId = 'AKIDbenchtask0000000000000000000000'; secretKey = 'benchsecrettaskxxxxxxxxxxxxxxxxxx' }) + $accounts }; alibaba = @{ accounts = @() } }
$seedFile = Join-Path $work 'seed.json'
$seed | ConvertTo-Json -Depth 6 | Set-Content $seedFile
$accountsFile = Join-Path $work 'accounts.json'
@($accounts | ForEach-Object { @{ AccountId = $_.uin; Id = $_.secretId; Key = $_.secretKey } }) | ConvertTo-Json | Set-Content $accountsFile

. (Join-Path $PSScriptRoot 'BenchmarkCommon.ps1')
$emulator = $null
try {
    $emulatorArguments = @('--seed', "`"$seedFile`"")
    if ($LatencyMs -gt 0) {
        # Every answer N ms late: the round trip to a real cloud endpoint that the loopback emulator does not have.
        $planFile = Join-Path $work 'latency.json'
        @{ faults = @(@{ kind = 'latency'; latencyMs = $LatencyMs; probability = 1 }) } | ConvertTo-Json -Depth 4 | Set-Content $planFile
        $emulatorArguments += '--faults', "`"$planFile`""
    }
    $started = Start-BenchmarkEmulator -Root $root -Work $work -Arguments $emulatorArguments
    $emulator = $started.Process
    $url = $started.Url

    $child = @'
param($manifest, $example, $accountsFile, $throttle, $role)
$ErrorActionPreference = 'Stop'
Import-Module $manifest
$accounts = Get-Content $accountsFile -Raw | ConvertFrom-Json | ForEach-Object {
    [pscustomobject]@{ AccountId = $_.AccountId; Credential = [pscredential]::new($_.Id, (ConvertTo-SecureString $_.Key -AsPlainText -Force)) } }
$cpu0 = [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime
$watch = [Diagnostics.Stopwatch]::StartNew()
$roles = @(& $example -SourceAccount $accounts -TrustedAccountId 100000000002 -RoleName $role -ThrottleLimit $throttle)
$watch.Stop()
$cpu = ([Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime - $cpu0).TotalMilliseconds
$made = @($roles | Where-Object Changed).Count
"RESULT {0} {1} {2} {3}" -f $watch.Elapsed.TotalMilliseconds, [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64, $made, $cpu
'@
    $childFile = Join-Path $work 'child.ps1'
    Set-Content $childFile $child
    $env:DTSCROSSACCOUNT_ENDPOINT_URL = $url
    $pwsh = Get-ThisPwsh
    # One run of the example in a fresh pwsh with the module of the checkout at $moduleRoot; its output lines.
    function Invoke-Child([string] $moduleRoot, [int] $throttle, [string] $role) {
        & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $childFile (Join-Path $moduleRoot 'DtsCrossAccount.psd1') (Join-Path $moduleRoot 'docs/examples/onboard-many-accounts.ps1') $accountsFile $throttle $role
    }
    # One unmeasured run first: the emulator compiles its own code on the first calls it serves, which would otherwise
    # be charged to whichever mode runs first.
    $out = Invoke-Child $root 1 'bench-warm-up'
    if (-not ($out | Where-Object { $_ -like 'RESULT *' })) { throw "The warm-up run failed: $($out -join "`n")" }
    $runs = foreach ($r in 1..$Repeat) {
        $modes = @(@{ Name = 'sequential'; Throttle = 1; Root = $root }) + @($ThrottleLimit | ForEach-Object { @{ Name = "parallel x$_"; Throttle = $_; Root = $root } })
        if ($BaselineRoot) { $modes += @{ Name = 'baseline sequential'; Throttle = 1; Root = (Resolve-Path $BaselineRoot).Path } }
        foreach ($mode in $modes) {
            $role = "bench-$($mode.Throttle)-$r-$($modes.IndexOf($mode))"
            $emulatorCpu0 = (Get-Process -Id $emulator.Id).TotalProcessorTime
            $out = Invoke-Child $mode.Root $mode.Throttle $role
            $line = $out | Where-Object { $_ -like 'RESULT *' } | Select-Object -Last 1
            if (-not $line) { throw "Run $r ($($mode.Name)) failed: $($out -join "`n")" }
            $f = $line.Split(' ')
            if ([int]$f[3] -ne $Count) { throw "Run $r ($($mode.Name)) onboarded $($f[3]) of $Count accounts." }
            # The emulator's CPU over the whole child process (start-up included), to see who uses the 2 cores.
            $emulatorCpu = ((Get-Process -Id $emulator.Id).TotalProcessorTime - $emulatorCpu0).TotalMilliseconds
            [pscustomobject]@{ Mode = $mode.Name; Run = $r; Ms = [double]$f[1]; CpuMs = [math]::Round([double]$f[4], 0); EmulatorCpuMs = [math]::Round($emulatorCpu, 0); PeakMB = [math]::Round([double]$f[2] / 1MB, 1) }
        }
    }
    $calls = Invoke-RestMethod "$url/_emulator/calls"
    $throttled = @($calls | Where-Object { $_.Result -match 'LimitExceeded|Throttling' }).Count
    Show-Table $runs
    $summary = $runs | Group-Object Mode | ForEach-Object {
        [pscustomobject]@{ Mode = $_.Name; Runs = $_.Count; MedianMs = [math]::Round((Get-Median $_.Group.Ms), 0); MedianCpuMs = Get-Median $_.Group.CpuMs; MedianEmulatorCpuMs = Get-Median $_.Group.EmulatorCpuMs; MedianPeakMB = Get-Median $_.Group.PeakMB }
    }
    Show-Table $summary
    $byMode = @{}; foreach ($x in $summary) { $byMode[$x.Mode] = $x }
    foreach ($t in $ThrottleLimit) {
        $par = $byMode["parallel x$t"]
        Write-Host ("Parallel x{0}: {1:n2}x faster than sequential; peak memory {2:n2}x" -f $t, ($byMode['sequential'].MedianMs / $par.MedianMs), ($par.MedianPeakMB / $byMode['sequential'].MedianPeakMB))
        if ($BaselineRoot) { Write-Host ("Parallel x{0}: {1:n2}x faster than the baseline's sequential; peak memory {2:n2}x" -f $t, ($byMode['baseline sequential'].MedianMs / $par.MedianMs), ($par.MedianPeakMB / $byMode['baseline sequential'].MedianPeakMB)) }
    }
    Write-Host "Throttling answers from the emulator: $throttled (of $($calls.Count) calls)"
    if ($throttled -gt 0) { throw "The module was throttled $throttled times." }
    $summary
}
finally {
    if ($emulator) { Stop-Process -Id $emulator.Id -ErrorAction SilentlyContinue }
    Remove-Item Env:DTSCROSSACCOUNT_ENDPOINT_URL -ErrorAction SilentlyContinue
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}
