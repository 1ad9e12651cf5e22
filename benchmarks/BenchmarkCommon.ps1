# Dot-sourced by the timed benchmark scripts (import-cost.ps1, onboard-many.ps1): what they share.

# Builds the emulator (Release), starts it on a free port with its output in $Work, and returns the process and its base
# URL (the first line it prints). The caller stops the process.
function Start-BenchmarkEmulator([string] $Root, [string] $Work, [string[]] $Arguments = @()) {
    & dotnet build (Join-Path $Root 'src/DtsCrossAccount.Emulator') -c Release -v q -nologo | Out-Null
    $dll = Join-Path $Root 'src/DtsCrossAccount.Emulator/bin/Release/net10.0/DtsCrossAccount.Emulator.dll'
    $out = Join-Path $Work 'emulator.out'
    $err = Join-Path $Work 'emulator.err'
    $process = Start-Process dotnet -ArgumentList (@("`"$dll`"", '--port', '0') + $Arguments) -PassThru -NoNewWindow `
        -RedirectStandardOutput $out -RedirectStandardError $err
    $url = $null
    foreach ($n in 1..150) { Start-Sleep -Milliseconds 200; $url = Get-Content $out -TotalCount 1 -ErrorAction SilentlyContinue; if ($url) { break } }
    if (-not $url) { Stop-Process -Id $process.Id -ErrorAction SilentlyContinue; throw "The emulator did not start: $(Get-Content $err -Raw)" }
    [pscustomobject]@{ Process = $process; Url = $url }
}

# The command line that starts this same pwsh again, so child processes run the pwsh the script runs in (the dotnet
# tool, a release package, or a precompiled copy from New-ReadyToRunPwsh.ps1): `dotnet pwsh` runs pwsh.dll through
# the dotnet host, so that host needs the dll's path as its first argument.
function Get-ThisPwsh {
    $command = @((Get-Process -Id $PID).Path)
    if ([IO.Path]::GetFileNameWithoutExtension($command[0]) -eq 'dotnet') { $command += Join-Path $PSHOME 'pwsh.dll' }
    , $command
}

# The median of a list of numbers (the mean of the middle two for an even count).
function Get-Median($Values) {
    $s = @($Values | Sort-Object)
    if ($s.Count % 2) { $s[[int][math]::Floor($s.Count / 2)] } else { ($s[$s.Count / 2 - 1] + $s[$s.Count / 2]) / 2 }
}

# Writes a table to the host wide enough for every column: at the host's own width (80 when output is redirected)
# Format-Table drops the columns that do not fit, without a word.
function Show-Table($Rows) {
    $Rows | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
}
