# Dot-sourced by the timed benchmark scripts: builds the emulator (Release), starts it on a free port with its output in
# $Work, and returns the process and its base URL (the first line it prints). The caller stops the process.
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
