# Shared set-up for the Pester files: the module from the repository root and an emulator of their own with the seeded
# accounts' profiles. Dot-source it in BeforeAll, call Start-TestEmulator there and Stop-TestEmulator in AfterAll.
# Each file starts its own emulator (never one a shell left in DTSCROSSACCOUNT_ENDPOINT_URL), so files run alone, in any
# order and twice in a row; Stop-TestEmulator puts back every environment variable Start-TestEmulator changed.
$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

# Every variable the module reads: saved, cleared of keys that could point at a real account, restored afterwards.
$script:ModuleVariables = 'DTSCROSSACCOUNT_ENDPOINT_URL', 'TENCENTCLOUD_CREDENTIALS_FILE', 'ALIBABA_CLOUD_CONFIG_FILE',
'TENCENTCLOUD_SECRET_ID', 'TENCENTCLOUD_SECRET_KEY', 'TENCENTCLOUD_SESSION_TOKEN', 'ALIBABA_CLOUD_ACCESS_KEY_ID',
'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_SECURITY_TOKEN', 'ALIBABA_CLOUD_PROFILE'

# The newest built dll of one of the repository's programs; built (Debug) when there is none. Running the dll rather
# than `dotnet run` saves a build check per file and leaves one process to stop.
function Get-BuiltProgram([string]$Project) {
    $dll = Get-ChildItem (Join-Path $script:RepoRoot "src/$Project/bin") -Filter "$Project.dll" -Recurse -ErrorAction SilentlyContinue |
        Where-Object { $_.Directory.Name -eq 'net10.0' } | Sort-Object LastWriteTimeUtc -Descending | Select-Object -First 1
    if (-not $dll) {
        & dotnet build (Join-Path $script:RepoRoot "src/$Project") --nologo -v quiet | Out-Null
        if ($LASTEXITCODE -ne 0) { throw "dotnet build src/$Project failed (exit code $LASTEXITCODE)." }
        return Get-BuiltProgram $Project
    }
    $dll.FullName
}

function Start-TestEmulator {
    param([Parameter(Mandatory)][string]$ProfileDirectory)
    $script:SavedEnvironment = @{}
    foreach ($name in $script:ModuleVariables) {
        $script:SavedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $null)
    }
    Import-Module (Join-Path $script:RepoRoot 'DtsCrossAccount.psd1') -Force -ErrorAction Stop

    $psi = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in (Get-BuiltProgram 'DtsCrossAccount.Emulator'), '--port', '0') { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardOutput = $true
    $psi.UseShellExecute = $false
    $script:EmulatorProcess = [System.Diagnostics.Process]::Start($psi)
    # The emulator prints its base URL (port 0 = a free port it bound) as the first line of its output.
    $read = $script:EmulatorProcess.StandardOutput.ReadLineAsync()
    if (-not $read.Wait([TimeSpan]::FromSeconds(30)) -or "$($read.Result)" -notmatch '^https?://') {
        Stop-TestEmulator
        throw "The emulator did not print its base URL within 30 s (got '$($read.Result)')."
    }
    $baseUrl = $read.Result.Trim().TrimEnd('/')

    $lines = & dotnet (Get-BuiltProgram 'DtsCrossAccount.Tools') sandbox-profiles $ProfileDirectory $baseUrl
    if ($LASTEXITCODE -ne 0) { Stop-TestEmulator; throw "Writing the sandbox profiles failed (exit code $LASTEXITCODE)." }
    foreach ($line in $lines) {
        $name, $value = "$line".Split('=', 2)
        if ($name -in 'DTSCROSSACCOUNT_ENDPOINT_URL', 'TENCENTCLOUD_CREDENTIALS_FILE', 'ALIBABA_CLOUD_CONFIG_FILE') {
            [Environment]::SetEnvironmentVariable($name, $value)
        }
    }
    if ($env:DTSCROSSACCOUNT_ENDPOINT_URL.TrimEnd('/') -ne $baseUrl) { Stop-TestEmulator; throw 'The profile tool did not return the endpoint variable.' }
    $script:BaseUrl = $baseUrl
    $baseUrl
}

function Stop-TestEmulator {
    if ($script:EmulatorProcess -and -not $script:EmulatorProcess.HasExited) {
        $script:EmulatorProcess.Kill($true)
        $script:EmulatorProcess.WaitForExit(10000) | Out-Null
    }
    $script:EmulatorProcess = $null
    foreach ($name in @($script:SavedEnvironment.Keys)) { [Environment]::SetEnvironmentVariable($name, $script:SavedEnvironment[$name]) }
    Remove-Module DtsCrossAccount -ErrorAction SilentlyContinue
}

# A name no earlier run used, so a second run against the same emulator creates rather than finds.
function New-UniqueName([string]$Prefix) { '{0}{1}' -f $Prefix, [guid]::NewGuid().ToString('N').Substring(0, 8) }

# ---- The emulator's call log (GET /_emulator/calls: a JSON array of {Time, Cloud, Service, Action, CallerAccountId,
# Caller, IsWrite, Result, RequestId}). ConvertFrom-Json enumerates the array, so each call is one pipeline object;
# Invoke-RestMethod would hand the whole array on as one object and every filter on it would be meaningless.
function Get-EmulatorCall {
    param([int]$Since = 0)
    $calls = @((Invoke-WebRequest -Uri "$script:BaseUrl/_emulator/calls" -UseBasicParsing).Content | ConvertFrom-Json)
    if ($calls.Count -gt 0 -and -not $calls[0].PSObject.Properties['IsWrite']) { throw 'The call log has no IsWrite field: its shape changed.' }
    @($calls | Select-Object -Skip $Since)
}

function Get-EmulatorCallCount { @(Get-EmulatorCall).Count }

# Successful write calls since a point of the call log, as "Cloud Service.Action" strings.
function Get-EmulatorWrite {
    param([int]$Since = 0)
    @(Get-EmulatorCall -Since $Since | Where-Object { $_.IsWrite -eq $true -and $_.Result -eq 'OK' } |
            ForEach-Object { "$($_.Cloud) $($_.Service).$($_.Action)" })
}

# Runs a script block that must change nothing (-WhatIf) and asserts it made calls (so it did run, past parameter
# binding and the credential check) and that none of them was a write.
function Assert-NoWrite {
    param([Parameter(Mandatory)][scriptblock]$ScriptBlock)
    $since = Get-EmulatorCallCount
    & $ScriptBlock
    $calls = @(Get-EmulatorCall -Since $since)
    $calls.Count | Should -BeGreaterThan 0 -Because 'the command must have read the current state before planning'
    @($calls | Where-Object { $_.IsWrite -eq $true } | ForEach-Object { "$($_.Service).$($_.Action)" }) | Should -Be @() -Because 'nothing may be written'
}

# ---- Reading what the emulator stored, through the clouds' own APIs, signed here (independently of the module's signers).
function Get-ProfileKey([string]$ProfileName) {
    $section = $null
    $id = $null
    foreach ($line in Get-Content -Path $env:TENCENTCLOUD_CREDENTIALS_FILE) {
        if ($line -match '^\[(.+)\]$') { $section = $Matches[1]; continue }
        if ($section -ne $ProfileName) { continue }
        if ($line -match '^secret_id\s*=\s*(.+)$') { $id = $Matches[1].Trim() }
        if ($line -match '^secret_key\s*=\s*(.+)$') { return @{ Id = $id; Secret = $Matches[1].Trim() } }
    }
    $p = (Get-Content -Raw $env:ALIBABA_CLOUD_CONFIG_FILE | ConvertFrom-Json).profiles | Where-Object name -EQ $ProfileName
    if ($p) { return @{ Id = $p.access_key_id; Secret = $p.access_key_secret } }
    throw "No profile '$ProfileName' in the test's profile files."
}

function Get-Hex([byte[]]$Bytes) { -join ($Bytes | ForEach-Object { $_.ToString('x2') }) }
function Get-Sha256Hex([string]$Text) { Get-Hex ([System.Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($Text))) }
function Get-HmacSha256([byte[]]$Key, [string]$Text) { [System.Security.Cryptography.HMACSHA256]::HashData($Key, [Text.Encoding]::UTF8.GetBytes($Text)) }

# Tencent Cloud API 3.0, TC3-HMAC-SHA256 (https://www.tencentcloud.com/document/api/213/33224). Returns .Response.
function Invoke-TencentApi {
    param([string]$ProfileName, [string]$Service, [string]$Version, [string]$Action, [hashtable]$Body = @{}, [string]$Region)
    $key = Get-ProfileKey $ProfileName
    $uri = [Uri]"$script:BaseUrl/"
    $json = $Body | ConvertTo-Json -Compress -Depth 5
    $now = [DateTimeOffset]::UtcNow
    $date = $now.ToString('yyyy-MM-dd')
    $canonical = "POST`n/`n`ncontent-type:application/json`nhost:$($uri.Authority)`n`ncontent-type;host`n$(Get-Sha256Hex $json)"
    $scope = "$date/$Service/tc3_request"
    $toSign = "TC3-HMAC-SHA256`n$($now.ToUnixTimeSeconds())`n$scope`n$(Get-Sha256Hex $canonical)"
    $k = Get-HmacSha256 ([Text.Encoding]::UTF8.GetBytes("TC3$($key.Secret)")) $date
    $k = Get-HmacSha256 $k $Service
    $k = Get-HmacSha256 $k 'tc3_request'
    $signature = Get-Hex (Get-HmacSha256 $k $toSign)
    $headers = @{
        Authorization    = "TC3-HMAC-SHA256 Credential=$($key.Id)/$scope, SignedHeaders=content-type;host, Signature=$signature"
        'X-TC-Action'    = $Action
        'X-TC-Version'   = $Version
        'X-TC-Timestamp' = "$($now.ToUnixTimeSeconds())"
    }
    if ($Region) { $headers['X-TC-Region'] = $Region }
    $answer = Invoke-RestMethod -Method Post -Uri $uri -Headers $headers -SkipHeaderValidation -ContentType 'application/json' -Body ([Text.Encoding]::UTF8.GetBytes($json))
    if ($answer.Response.Error) { throw "$Service.$Action failed: $($answer.Response.Error.Code) $($answer.Response.Error.Message)" }
    $answer.Response
}

# Alibaba Cloud RPC, signature V2 (HMAC-SHA1, https://www.alibabacloud.com/help/en/sdk/product-overview/rpc-mechanism).
function Invoke-AlibabaApi {
    param([string]$ProfileName, [string]$Version, [string]$Action, [hashtable]$Parameters = @{})
    $key = Get-ProfileKey $ProfileName
    $query = @{
        Action = $Action; Version = $Version; Format = 'JSON'; AccessKeyId = $key.Id; SignatureMethod = 'HMAC-SHA1'
        SignatureVersion = '1.0'; SignatureNonce = [guid]::NewGuid().ToString(); Timestamp = [DateTime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ssZ')
    }
    foreach ($k in $Parameters.Keys) { $query[$k] = "$($Parameters[$k])" }
    $canonical = (($query.Keys | Sort-Object -CaseSensitive { $_ } | ForEach-Object { [Uri]::EscapeDataString($_) + '=' + [Uri]::EscapeDataString($query[$_]) }) -join '&')
    $toSign = 'GET&%2F&' + [Uri]::EscapeDataString($canonical)
    $signature = [Convert]::ToBase64String([System.Security.Cryptography.HMACSHA1]::HashData([Text.Encoding]::UTF8.GetBytes("$($key.Secret)&"), [Text.Encoding]::UTF8.GetBytes($toSign)))
    Invoke-RestMethod -Method Get -Uri "$script:BaseUrl/?$canonical&Signature=$([Uri]::EscapeDataString($signature))"
}

# [Parameter] metadata of one parameter in one parameter set.
function Get-ParameterInSet([string]$Command, [string]$SetName, [string]$Parameter) {
    (Get-Command $Command).ParameterSets | Where-Object Name -EQ $SetName | ForEach-Object { $_.Parameters } | Where-Object Name -EQ $Parameter
}

# The error record of a command that must fail (non-terminating errors included).
function Get-CommandError([Parameter(Mandatory)][scriptblock]$ScriptBlock) {
    $ErrorActionPreference = 'Stop'
    try { & $ScriptBlock | Out-Null }
    catch { return $_ }
    throw 'The command did not fail.'
}
