# Shared set-up for the Pester files: the module from the repository root and an emulator with the seeded accounts'
# profiles. Dot-source it in BeforeAll. Reuses an emulator started by `./build.ps1 -Task Emulator` when one is set.
$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

function Start-TestEmulator {
    param([string]$ProfileDirectory)
    Import-Module (Join-Path $script:RepoRoot 'DtsCrossAccount.psd1') -Force -ErrorAction Stop
    $script:SavedEnvironment = @{}
    foreach ($name in 'DTSCROSSACCOUNT_ENDPOINT_URL', 'TENCENTCLOUD_CREDENTIALS_FILE', 'ALIBABA_CLOUD_CONFIG_FILE') {
        $script:SavedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name)
    }
    $script:EmulatorProcess = $null
    $baseUrl = $env:DTSCROSSACCOUNT_ENDPOINT_URL
    if (-not $baseUrl) {
        $psi = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
        foreach ($a in 'run', '--project', (Join-Path $script:RepoRoot 'src/DtsCrossAccount.Emulator'), '--', '--port', '0') { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardOutput = $true
        $psi.UseShellExecute = $false
        $script:EmulatorProcess = [System.Diagnostics.Process]::Start($psi)
        # The emulator prints its base URL as the first line of its own output; `dotnet run` may print build lines first.
        for ($i = 0; $i -lt 500 -and -not $baseUrl; $i++) {
            $line = $script:EmulatorProcess.StandardOutput.ReadLine()
            if ($null -eq $line) { break }
            if ($line -match '^https?://') { $baseUrl = $line.Trim() }
        }
        if (-not $baseUrl) { throw 'The emulator did not print its base URL.' }
    }
    $lines = & dotnet run --project (Join-Path $script:RepoRoot 'src/DtsCrossAccount.Tools') -- sandbox-profiles $ProfileDirectory $baseUrl
    if ($LASTEXITCODE -ne 0) { throw "Writing the sandbox profiles failed (exit code $LASTEXITCODE)." }
    foreach ($line in $lines) {
        $name, $value = "$line".Split('=', 2)
        if ($name -in 'DTSCROSSACCOUNT_ENDPOINT_URL', 'TENCENTCLOUD_CREDENTIALS_FILE', 'ALIBABA_CLOUD_CONFIG_FILE') {
            [Environment]::SetEnvironmentVariable($name, $value)
        }
    }
    $baseUrl.TrimEnd('/')
}

function Stop-TestEmulator {
    if ($script:EmulatorProcess -and -not $script:EmulatorProcess.HasExited) { $script:EmulatorProcess.Kill($true) }
    foreach ($name in $script:SavedEnvironment.Keys) { [Environment]::SetEnvironmentVariable($name, $script:SavedEnvironment[$name]) }
}

# The emulator's call log: every API call it answered, with IsWrite and Result.
function Get-EmulatorCall([string]$BaseUrl) {
    Invoke-RestMethod -Uri "$BaseUrl/_emulator/calls"
}

function Get-SuccessfulWriteCount([string]$BaseUrl) {
    @(Get-EmulatorCall $BaseUrl | Where-Object { $_.IsWrite -and $_.Result -eq 'OK' }).Count
}

# [Parameter] metadata of one parameter in one parameter set.
function Get-ParameterInSet([string]$Command, [string]$SetName, [string]$Parameter) {
    (Get-Command $Command).ParameterSets | Where-Object Name -eq $SetName | ForEach-Object { $_.Parameters } | Where-Object Name -eq $Parameter
}
