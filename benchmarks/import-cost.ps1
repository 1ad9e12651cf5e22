<#
.SYNOPSIS
    Cold Import-Module and first cmdlet call of DtsCrossAccount against a trivial binary module with one cmdlet
    (benchmarks/TrivialModule), each measured in a fresh pwsh process; prints medians and the ratios.

.DESCRIPTION
    dotnet build src/DtsCrossAccount -c Release; dotnet tool restore
    dotnet pwsh -NoProfile -File benchmarks/import-cost.ps1 [-Repeat 5] [-CompareWith <another DtsCrossAccount.psd1>]

    The first DtsCrossAccount call is New-DtsCrossAccountRole -WhatIf against an emulator this script starts (keys
    from the environment variables, so no profile file is read): three API calls, the first of the process, so it
    includes the first TLS-free HTTP connection, the signer's first use and the type's static set-up. The trivial
    module's first call writes one string. Each process imports, calls once, calls again.

    The runs are interleaved (every kind below once per round, then -CompareWith's module if given),
    so a machine whose load changes during the benchmark affects all alike. Besides wall time it records the process's
    CPU time for each step, which a loaded machine disturbs far less, and the JIT compilation time on the pipeline
    thread (ImportJitMs, FirstCallJitMs: System.Runtime.JitInfo), the part of each step spent waiting for code to be
    compiled, which the warm-up's or pwsh's own background compiling does not blur. "trivial-psd1" is the same trivial
    dll behind a minimal manifest: a module shipped with a manifest pays for reading it, whatever its code.
    "trivial-format" adds a format file with one view to that manifest: PowerShell then rebuilds its format database,
    whatever the file holds.
    "http" imports the trivial module and, as its "first call", sends the same three POSTs to the emulator with a bare
    HttpClient from script; "http-cmdlet" sends them from the trivial module's compiled Send-TrivialRequest: the part of
    the DtsCrossAccount first call that is .NET's HTTP stack starting up, not the module. "params-whatif" imports
    benchmarks/TrivialRoleModule and calls its New-TrivialRole, a cmdlet of New-DtsCrossAccountRole's parameter shape
    that only asks ShouldProcess, with the same arguments and -WhatIf: the part of that first call that is PowerShell's
    own work for such a command (finding it, its parameter metadata, binding, the What-if message), not the module.
    "floor" calls the same New-TrivialRole with -EndpointUrl, so it first sends three POSTs to the emulator, after its
    import started a background thread that sent one there (TRIVIALROLE_WARMUP_URL): .NET's HTTP stack compiled and the
    connection already open, more than any real module may do ahead. With -PauseMs (so that the background POST has
    finished), no first call of that shape that sends three requests can be cheaper than this row.
    "dts-no-warm-up" is
    DtsCrossAccount with DTSCROSSACCOUNT_WARMUP=0: what the import-time warm-up costs the import and saves the first
    call. "psresourceget", when this pwsh bundles it (7.4 and later), is Microsoft.PowerShell.PSResourceGet, a real
    binary module built the way this one is, for reference; its first call is Get-PSResourceRepository.
    To measure as the pwsh of the release packages runs (its assemblies precompiled), run this script under the copy
    benchmarks/New-ReadyToRunPwsh.ps1 makes: its children are started from the same pwsh.
    -CompareWith runs another build of the module (e.g. the previous commit's) in the same interleaving, for before/after.
    -PauseMs N waits N ms between the import and the first call in every process (all kinds alike): the time a user
    takes to type the first command, or a runbook to fetch its credentials, during which the module's import-time
    warm-up (a background thread) finishes. Without it the first call starts the instant Import-Module returns.
    -JitProfile says which startup JIT profile each process finds. pwsh records the methods a process compiled in
    StartupProfileData-NonInteractive under its cache directory and, at its next start, compiles them ahead on a spare
    core (.NET's multi-core JIT), so every process inherits the previous process's work. Own (the default) gives each
    kind its own cache directory: each process replays the profile of the previous run of the same kind, as a user's
    daily session replays yesterday's. Fresh gives every process an empty one (a first session ever, or a sandbox that
    starts clean). Shared leaves the user's cache directory to all kinds, so each replays whatever ran before it.
#>
#Requires -Version 7.2
[CmdletBinding()]
param(
    [int] $Repeat = 5,
    [string] $CompareWith,
    [ValidateRange(0, 10000)]
    [int] $PauseMs = 0,
    [ValidateSet('Own', 'Fresh', 'Shared')]
    [string] $JitProfile = 'Own'
)
$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot -Parent
& dotnet build (Join-Path $PSScriptRoot 'TrivialModule') -c Release -v q -nologo | Out-Null
$trivial = Join-Path $PSScriptRoot 'TrivialModule/bin/Release/netstandard2.0/TrivialModule.dll'
& dotnet build (Join-Path $PSScriptRoot 'TrivialRoleModule') -c Release -v q -nologo | Out-Null
$trivialRole = Join-Path $PSScriptRoot 'TrivialRoleModule/bin/Release/netstandard2.0/TrivialRoleModule.dll'
$manifest = Join-Path $root 'DtsCrossAccount.psd1'
$work = Join-Path ([IO.Path]::GetTempPath()) ("dts-import-" + [guid]::NewGuid().ToString('N'))
New-Item -ItemType Directory $work | Out-Null
. (Join-Path $PSScriptRoot 'BenchmarkCommon.ps1')
$emulator = $null
try {
    $started = Start-BenchmarkEmulator -Root $root -Work $work
    $emulator = $started.Process
    $url = $started.Url
    $child = @'
param($module, $kind, $pause)
# A call that fails must fail the run, not print a fast time.
$ErrorActionPreference = 'Stop'
$p = [Diagnostics.Process]::GetCurrentProcess()
function Cpu { $p.Refresh(); $p.TotalProcessorTime.TotalMilliseconds }
# JIT compilation time on this (the pipeline) thread only: what the command itself waited for the JIT, which the
# background threads' compiling does not blur.
function Jit { [System.Runtime.JitInfo]::GetCompilationTime($true).TotalMilliseconds }
$c = Cpu
$j = Jit
$w = [Diagnostics.Stopwatch]::StartNew()
Import-Module $module
$import = $w.Elapsed.TotalMilliseconds
$importCpu = (Cpu) - $c
$importJit = (Jit) - $j
if ([int]$pause -gt 0) { Start-Sleep -Milliseconds $pause }
if ($kind -eq 'http') {
    # No module code: the same three POSTs to the emulator with a bare HttpClient, the .NET HTTP stack's own first-use cost.
    $call = { $h = [Net.Http.HttpClient]::new(); foreach ($i in 1..3) { $null = $h.PostAsync($env:DTSCROSSACCOUNT_ENDPOINT_URL, [Net.Http.StringContent]::new('{}')).GetAwaiter().GetResult().Content.ReadAsStringAsync().GetAwaiter().GetResult() }; $h.Dispose() }
} elseif ($kind -eq 'http-cmdlet') {
    # The same three POSTs from a compiled cmdlet (TrivialModule's Send-TrivialRequest): the floor for any binary module
    # whose first call sends three requests, without the script-level method binding of the "http" row.
    $call = { Send-TrivialRequest -Uri $env:DTSCROSSACCOUNT_ENDPOINT_URL -Count 3 | Out-Null }
} elseif ($kind -eq 'params-whatif') {
    # PowerShell's own first-call work for a command of New-DtsCrossAccountRole's shape: no module code, no request.
    $call = { New-TrivialRole -Cloud First -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName import-cost -WhatIf 6>$null | Out-Null }
} elseif ($kind -eq 'floor') {
    # The same command sending three POSTs first, with HTTP started and the connection opened at import: the floor.
    $call = { New-TrivialRole -Cloud First -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName import-cost -EndpointUrl $env:DTSCROSSACCOUNT_ENDPOINT_URL -WhatIf 6>$null | Out-Null }
} elseif ($kind -eq 'psresourceget') {
    # The style anchors' own binary module, bundled with pwsh 7.4+: a first call that reads its local repository store.
    $call = { Get-PSResourceRepository | Out-Null }
} elseif ($kind -notlike 'trivial*') {
    $call = { New-DtsCrossAccountRole -Cloud Tencent -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName import-cost -WhatIf 6>$null | Out-Null }
} else {
    $call = { Get-Trivial | Out-Null }
}
$c = Cpu
$j = Jit
$w.Restart(); & $call; $first = $w.Elapsed.TotalMilliseconds
$firstCpu = (Cpu) - $c
$firstJit = (Jit) - $j
$w.Restart(); & $call; $second = $w.Elapsed.TotalMilliseconds
"RESULT $import $first $second $importCpu $firstCpu $importJit $firstJit"
'@
    $childFile = Join-Path $work 'child.ps1'
    Set-Content $childFile $child
    $env:DTSCROSSACCOUNT_ENDPOINT_URL = $url
    # Account A's root key from the emulator's default seed (src/DtsCrossAccount.Emulator/default-seed.json).
    $env:TENCENTCLOUD_SECRET_ID = 'AKIDEMUTENCENTROOTA00000000000000001'
    $env:TENCENTCLOUD_SECRET_KEY = 'emuTencentSecretKeyRootA000000001'
    $pwsh = Get-ThisPwsh
    $trivialManifest = Join-Path $work 'TrivialModule.psd1'
    "@{ RootModule = '$trivial'; ModuleVersion = '1.0.0'; GUID = '$([guid]::NewGuid())'; CmdletsToExport = @('Get-Trivial'); FunctionsToExport = @(); AliasesToExport = @(); VariablesToExport = @() }" |
        Set-Content $trivialManifest
    # The same trivial module with one table view in a format file, as any module that formats its output ships: adding
    # a format file makes PowerShell rebuild its whole format database, whatever the file holds.
    $trivialFormat = Join-Path $work 'TrivialModule.format.ps1xml'
    '<?xml version="1.0" encoding="utf-8"?><Configuration><ViewDefinitions><View><Name>Trivial</Name><ViewSelectedBy><TypeName>TrivialModule.Output</TypeName></ViewSelectedBy><TableControl><TableHeaders><TableColumnHeader /></TableHeaders><TableRowEntries><TableRowEntry><TableColumnItems><TableColumnItem><PropertyName>Name</PropertyName></TableColumnItem></TableColumnItems></TableRowEntry></TableRowEntries></TableControl></View></ViewDefinitions></Configuration>' |
        Set-Content $trivialFormat
    $trivialFormatManifest = Join-Path $work 'TrivialModuleWithFormat.psd1'
    "@{ RootModule = '$trivial'; ModuleVersion = '1.0.0'; GUID = '$([guid]::NewGuid())'; FormatsToProcess = @('$trivialFormat'); CmdletsToExport = @('Get-Trivial'); FunctionsToExport = @(); AliasesToExport = @(); VariablesToExport = @() }" |
        Set-Content $trivialFormatManifest
    $kinds = @(@{ Kind = 'trivial'; Path = $trivial }, @{ Kind = 'trivial-psd1'; Path = $trivialManifest }, @{ Kind = 'trivial-format'; Path = $trivialFormatManifest }, @{ Kind = 'http'; Path = $trivial }, @{ Kind = 'http-cmdlet'; Path = $trivial }, @{ Kind = 'params-whatif'; Path = $trivialRole }, @{ Kind = 'floor'; Path = $trivialRole }, @{ Kind = 'dts'; Path = $manifest }, @{ Kind = 'dts-no-warm-up'; Path = $manifest })
    # A real, well-built binary module for reference: PSResourceGet (a manifest, a format file, a nested script module,
    # 18 cmdlets and a function), shipped as IL with pwsh 7.4 and later, as DtsCrossAccount is shipped.
    $psResourceGet = Join-Path $PSHOME 'Modules/Microsoft.PowerShell.PSResourceGet/Microsoft.PowerShell.PSResourceGet.psd1'
    if (Test-Path $psResourceGet) { $kinds += @{ Kind = 'psresourceget'; Path = $psResourceGet } }
    if ($CompareWith) { $kinds += @{ Kind = 'compare'; Path = (Resolve-Path $CompareWith).Path } }
    # It must exist: .NET answers an empty path for a data directory that does not, and PSResourceGet would then write
    # its store under the current directory.
    $dataHome = New-Item -ItemType Directory (Join-Path $work 'data') -Force | ForEach-Object FullName
    # pwsh's cache directory: XDG_CACHE_HOME on Linux and macOS, LOCALAPPDATA on Windows.
    $cacheVariable = if ($IsWindows -or $PSVersionTable.PSEdition -eq 'Desktop') { 'LOCALAPPDATA' } else { 'XDG_CACHE_HOME' }
    # The figures of a RESULT line, in the order the child prints them after the word RESULT.
    $figures = 'ImportMs', 'FirstCallMs', 'SecondCallMs', 'ImportCpuMs', 'FirstCallCpuMs', 'ImportJitMs', 'FirstCallJitMs'
    # With -JitProfile Own, round 0 is not measured: it only writes each kind's first profile.
    $first = if ($JitProfile -eq 'Own') { 0 } else { 1 }
    $runs = foreach ($r in $first..$Repeat) {
        foreach ($m in $kinds) {
            $cache = switch ($JitProfile) { 'Own' { Join-Path $work "cache-$($m.Kind)" } 'Fresh' { Join-Path $work "cache-$r-$($m.Kind)" } default { $null } }
            $saved = [Environment]::GetEnvironmentVariable($cacheVariable)
            $savedWarmUp = $env:DTSCROSSACCOUNT_WARMUP
            $savedData = $env:XDG_DATA_HOME
            if ($cache) { [Environment]::SetEnvironmentVariable($cacheVariable, $cache) }
            # PSResourceGet keeps its repository store in the user's data directory (XDG_DATA_HOME on Linux; on Windows
            # LOCALAPPDATA, set above unless -JitProfile Shared): one of this run's instead, so nothing of the user's
            # is read or written.
            $env:XDG_DATA_HOME = $dataHome
            # dts-no-warm-up: the same module with its import-time warm-up turned off, to show what the warm-up costs and gives.
            $env:DTSCROSSACCOUNT_WARMUP = if ($m.Kind -eq 'dts-no-warm-up') { '0' } else { $null }
            # floor: New-TrivialRole's module opens its connection to the emulator at import.
            $env:TRIVIALROLE_WARMUP_URL = if ($m.Kind -eq 'floor') { $url } else { $null }
            try { $out = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $childFile $m.Path $m.Kind $PauseMs }
            finally { [Environment]::SetEnvironmentVariable($cacheVariable, $saved); $env:DTSCROSSACCOUNT_WARMUP = $savedWarmUp; $env:XDG_DATA_HOME = $savedData; $env:TRIVIALROLE_WARMUP_URL = $null }
            $line = $out | Where-Object { $_ -like 'RESULT *' } | Select-Object -Last 1
            if (-not $line) { throw "Run $r ($($m.Kind)) failed: $($out -join "`n")" }
            $f = $line.Split(' ')
            if ($r -eq 0) { continue }
            $row = [ordered]@{ Module = $m.Kind; Run = $r }
            for ($i = 0; $i -lt $figures.Count; $i++) { $row[$figures[$i]] = [double]$f[$i + 1] }
            [pscustomobject]$row
        }
    }
    Show-Table $runs
    $m = [ordered]@{}
    foreach ($k in $kinds.Kind) {
        $g = $runs | Where-Object Module -EQ $k
        $median = [ordered]@{ Module = $k }
        foreach ($name in $figures) { $median[$name] = [math]::Round((Get-Median $g.$name), 1) }
        $m[$k] = [pscustomobject]$median
    }
    Show-Table $m.Values
    foreach ($k in 'http', 'http-cmdlet', 'params-whatif', 'floor') {
        Write-Host ("{0} (no module code): first call {1:n2}x the trivial cmdlet's (CPU {2:n2}x)" -f $k, ($m[$k].FirstCallMs / $m['trivial'].FirstCallMs), ($m[$k].FirstCallCpuMs / $m['trivial'].FirstCallCpuMs))
    }
    foreach ($k in @('dts', 'dts-no-warm-up') + @($kinds.Kind | Where-Object { $_ -in 'psresourceget', 'compare' })) {
        Write-Host ("{0}: import {1:n2}x the trivial module ({2:n2}x its manifest form, {6:n2}x with a format file; CPU {3:n2}x); first call {4:n2}x the trivial cmdlet's (CPU {5:n2}x); JIT on the pipeline thread: import {7:n1} ms, first call {8:n1} ms" -f $k,
            ($m[$k].ImportMs / $m['trivial'].ImportMs), ($m[$k].ImportMs / $m['trivial-psd1'].ImportMs), ($m[$k].ImportCpuMs / $m['trivial'].ImportCpuMs),
            ($m[$k].FirstCallMs / $m['trivial'].FirstCallMs), ($m[$k].FirstCallCpuMs / $m['trivial'].FirstCallCpuMs), ($m[$k].ImportMs / $m['trivial-format'].ImportMs),
            $m[$k].ImportJitMs, $m[$k].FirstCallJitMs)
    }
    $m.Values
}
finally {
    if ($emulator) { Stop-Process -Id $emulator.Id -ErrorAction SilentlyContinue }
    'DTSCROSSACCOUNT_ENDPOINT_URL', 'TENCENTCLOUD_SECRET_ID', 'TENCENTCLOUD_SECRET_KEY' | ForEach-Object { Remove-Item "Env:$_" -ErrorAction SilentlyContinue }
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}
