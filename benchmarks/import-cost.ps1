<#
.SYNOPSIS
    Cold Import-Module and first cmdlet call of DtsCrossAccount against a trivial binary module with one cmdlet
    (benchmarks/TrivialModule), each measured in a fresh pwsh process; prints medians and the ratios.

.DESCRIPTION
    dotnet build src/DtsCrossAccount -c Release; dotnet tool restore
    dotnet pwsh -NoProfile -File benchmarks/import-cost.ps1 [-Repeat 5]

    The first DtsCrossAccount call is New-DtsCrossAccountRole -WhatIf against an emulator this script starts (keys
    from the environment variables, so no profile file is read): three API calls, the first of the process, so it
    includes the first TLS-free HTTP connection, the signer's first use and the type's static set-up. The trivial
    module's first call writes one string. Each process imports, calls once, calls again.
#>
[CmdletBinding()]
param([int] $Repeat = 5)
$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot -Parent
& dotnet build (Join-Path $PSScriptRoot 'TrivialModule') -c Release -v q -nologo | Out-Null
$trivial = Join-Path $PSScriptRoot 'TrivialModule/bin/Release/netstandard2.0/TrivialModule.dll'
$manifest = Join-Path $root 'DtsCrossAccount.psd1'
$work = Join-Path ([IO.Path]::GetTempPath()) ("dts-import-" + [guid]::NewGuid().ToString('N'))
New-Item -ItemType Directory $work | Out-Null
. (Join-Path $PSScriptRoot 'Start-BenchmarkEmulator.ps1')
$emulator = $null
try {
    $started = Start-BenchmarkEmulator -Root $root -Work $work
    $emulator = $started.Process
    $url = $started.Url
    $child = @'
param($module, $kind)
$w = [Diagnostics.Stopwatch]::StartNew()
Import-Module $module
$import = $w.Elapsed.TotalMilliseconds
if ($kind -eq 'dts') {
    $call = { New-DtsCrossAccountRole -Cloud Tencent -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName import-cost -WhatIf 6>$null | Out-Null }
} else {
    $call = { Get-Trivial | Out-Null }
}
$w.Restart(); & $call; $first = $w.Elapsed.TotalMilliseconds
$w.Restart(); & $call; $second = $w.Elapsed.TotalMilliseconds
"RESULT $import $first $second"
'@
    $childFile = Join-Path $work 'child.ps1'
    Set-Content $childFile $child
    $env:DTSCROSSACCOUNT_ENDPOINT_URL = $url
    # Account A's root key from the emulator's default seed (src/DtsCrossAccount.Emulator/default-seed.json).
    $env:TENCENTCLOUD_SECRET_ID = 'AKIDEMUTENCENTROOTA00000000000000001'
    $env:TENCENTCLOUD_SECRET_KEY = 'emuTencentSecretKeyRootA000000001'
    $pwsh = @((Get-Process -Id $PID).Path)
    if ([IO.Path]::GetFileNameWithoutExtension($pwsh[0]) -eq 'dotnet') { $pwsh += Join-Path $PSHOME 'pwsh.dll' }
    $runs = foreach ($r in 1..$Repeat) {
        foreach ($m in @(@{ Kind = 'trivial'; Path = $trivial }, @{ Kind = 'dts'; Path = $manifest })) {
            $out = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $childFile $m.Path $m.Kind
            $line = $out | Where-Object { $_ -like 'RESULT *' } | Select-Object -Last 1
            if (-not $line) { throw "Run $r ($($m.Kind)) failed: $($out -join "`n")" }
            $f = $line.Split(' ')
            [pscustomobject]@{ Module = $m.Kind; Run = $r; ImportMs = [double]$f[1]; FirstCallMs = [double]$f[2]; SecondCallMs = [double]$f[3] }
        }
    }
    $runs | Format-Table -AutoSize | Out-String | Write-Host
    function Median($xs) { $s = @($xs | Sort-Object); if ($s.Count % 2) { $s[[int][math]::Floor($s.Count / 2)] } else { ($s[$s.Count / 2 - 1] + $s[$s.Count / 2]) / 2 } }
    $m = @{}
    foreach ($k in 'trivial', 'dts') {
        $g = $runs | Where-Object Module -EQ $k
        $m[$k] = [pscustomobject]@{ Module = $k; ImportMs = [math]::Round((Median $g.ImportMs), 1); FirstCallMs = [math]::Round((Median $g.FirstCallMs), 1); SecondCallMs = [math]::Round((Median $g.SecondCallMs), 1) }
    }
    $m['trivial'], $m['dts'] | Format-Table -AutoSize | Out-String | Write-Host
    Write-Host ("Import: {0:n2}x the trivial module; first call: {1:n2}x the trivial cmdlet's" -f ($m['dts'].ImportMs / $m['trivial'].ImportMs), ($m['dts'].FirstCallMs / $m['trivial'].FirstCallMs))
}
finally {
    if ($emulator) { Stop-Process -Id $emulator.Id -ErrorAction SilentlyContinue }
    'DTSCROSSACCOUNT_ENDPOINT_URL', 'TENCENTCLOUD_SECRET_ID', 'TENCENTCLOUD_SECRET_KEY' | ForEach-Object { Remove-Item "Env:$_" -ErrorAction SilentlyContinue }
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}
