<#
.SYNOPSIS
    Builds, tests, documents and packages DtsCrossAccount; starts the local emulator.
.DESCRIPTION
    Runs under PowerShell 7 (pwsh) and Windows PowerShell 5.1. Tasks run in the order given.
      Build     dotnet build DtsCrossAccount.sln -c Release (the module lands in out/bin/).
      Test      dotnet test tests/DtsCrossAccount.Tests -c Release (xunit and, through it, every Pester test);
                -TestFilter narrows it (dotnet test --filter).
      Pester    tests/Pester (or -PesterPath) in a child pwsh 7 with Pester 5: the Pester 5.9.1 package the test project
                downloads into the NuGet packages folder, else an installed Pester 5.
      Docs      New-ExternalHelp docs -> en-US (needs platyPS 0.14; stops with how to get it when missing).
      Package   out/DtsCrossAccount/<version>/ and out/DtsCrossAccount.zip (Azure Automation layout).
      Emulator  starts the emulator in the background, writes the seeded accounts' profiles into out/sandbox/
                and sets DTSCROSSACCOUNT_ENDPOINT_URL, TENCENTCLOUD_CREDENTIALS_FILE and ALIBABA_CLOUD_CONFIG_FILE in
                this PowerShell process. Run it in your shell (./build.ps1 -Task Emulator), not as `pwsh -File build.ps1`,
                whose child process would take the variables with it. No need to dot-source it, nor to import the
                module: it builds it if needed, and the examples import it.
                -FaultPlan FILE passes a fault plan (--faults) and -RateLimits FILE rate-limit settings (--limits) to it
                (format: docs/emulator-wire-protocol.md, "Fault plans" and "Rate limits").
      Clean     removes out/ and the projects' bin/ and obj/ folders.
.EXAMPLE
    ./build.ps1 -Task Build, Test, Package
.EXAMPLE
    ./build.ps1 -Task Test -TestFilter 'FullyQualifiedName~ManifestTests'
.EXAMPLE
    ./build.ps1 -Task Pester -PesterPath ./tests/Pester/Set-DtsTrustPolicy.Tests.ps1
.EXAMPLE
    ./build.ps1 -Task Emulator
    ./docs/examples/quickstart.ps1
.EXAMPLE
    ./build.ps1 -Task Emulator -FaultPlan ./faults.json
    Rehearses throttling, 5xx, resets, lost answers and latency as the plan says.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'Docs', 'Package', 'Emulator', 'Clean')]
    [string[]]$Task = 'Build',

    # Emulator: also add the seeded profiles to ~/.tencentcloud/credentials and ~/.aliyun/config.json (names already
    # there are left alone; the files are backed up once to *.dtscrossaccount.bak). Without it those files are never touched.
    [switch]$UseRealProfileFiles,

    # Test: a dotnet test --filter expression, e.g. 'FullyQualifiedName~ManifestTests'.
    [string]$TestFilter,

    # Pester: one Pester file or folder to run instead of tests/Pester.
    [string]$PesterPath,

    # Emulator: a fault plan file handed to the emulator as --faults (docs/emulator-wire-protocol.md, "Fault plans").
    [string]$FaultPlan,

    # Emulator: rate-limit settings handed to the emulator as --limits (same document, "Rate limits").
    [string]$RateLimits
)

$ErrorActionPreference = 'Stop'
$RepoRoot = $PSScriptRoot
$OutDir = Join-Path $RepoRoot 'out'

function Assert-Tool([string]$Name, [string]$Hint) {
    if (-not (Get-Command $Name -ErrorAction SilentlyContinue)) {
        throw "'$Name' was not found. $Hint"
    }
}

function Invoke-Dotnet {
    # Every dotnet call is checked: a failed build must stop the script, not be followed by a stale package.
    Assert-Tool 'dotnet' 'Install the .NET SDK 10 (https://dot.net) and make sure dotnet is on PATH.'
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-Tool([string[]]$Arguments) {
    # The packaging and profile logic lives in src/DtsCrossAccount.Tools so the xunit tests run the same code.
    Assert-Tool 'dotnet' 'Install the .NET SDK 10 (https://dot.net) and make sure dotnet is on PATH.'
    $output = & dotnet run --project (Join-Path $RepoRoot 'src/DtsCrossAccount.Tools') -c Release -- @Arguments
    if ($LASTEXITCODE -ne 0) { throw "DtsCrossAccount.Tools $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
    $values = @{}
    foreach ($line in $output) {
        $i = "$line".IndexOf('=')
        if ($i -gt 0) { $values["$line".Substring(0, $i)] = "$line".Substring($i + 1) }
    }
    $values
}

function Invoke-Build {
    Invoke-Dotnet build (Join-Path $RepoRoot 'DtsCrossAccount.sln') -c Release
}

function Invoke-Test {
    $testArgs = @('test', (Join-Path $RepoRoot 'tests/DtsCrossAccount.Tests'), '-c', 'Release')
    if ($TestFilter) { $testArgs += @('--filter', $TestFilter) }
    Invoke-Dotnet @testArgs
}

# PowerShell 7 for the child that runs Pester: this process when it is pwsh 7, else the local tool (`dotnet pwsh`,
# pinned in .config/dotnet-tools.json), else pwsh on PATH.
function Get-Pwsh7 {
    if ($PSVersionTable.PSVersion.Major -ge 7) {
        # Run as `dotnet pwsh`, this process is dotnet executing pwsh.dll.
        $self = [Environment]::ProcessPath
        $dll = Join-Path $PSHOME 'pwsh.dll'
        if ([IO.Path]::GetFileNameWithoutExtension($self) -eq 'dotnet' -and (Test-Path $dll)) { return @($self, $dll) }
        return @($self)
    }
    Push-Location $RepoRoot
    try {
        & dotnet tool restore | Out-Null
        if ($LASTEXITCODE -eq 0) { return @((Get-Command dotnet).Source, 'pwsh') }
    }
    finally { Pop-Location }
    $pwsh = Get-Command pwsh -ErrorAction SilentlyContinue
    if ($pwsh) { return @($pwsh.Source) }
    throw "The Pester task needs PowerShell 7: run 'dotnet tool restore' in the repository (it installs the pinned pwsh, run as 'dotnet pwsh'), or install it from https://aka.ms/powershell."
}

# Pester 5.9.1 from the NuGet packages folder (the test project's PackageDownload puts it there), else none: the runner
# then imports an installed Pester 5.
function Get-PesterModulePath {
    $packages = $env:NUGET_PACKAGES
    if (-not $packages) {
        $line = & dotnet nuget locals global-packages --list
        if ($LASTEXITCODE -ne 0) { throw "dotnet nuget locals failed with exit code $LASTEXITCODE." }
        $packages = ("$line" -replace '^.*?global-packages:\s*', '').Trim()
    }
    $module = Join-Path $packages 'pester/5.9.1/tools/Pester.psd1'
    if (-not (Test-Path $module)) {
        # Restoring the test project downloads the package.
        & dotnet restore (Join-Path $RepoRoot 'tests/DtsCrossAccount.Tests') --verbosity quiet | Out-Null
        if ($LASTEXITCODE -ne 0) { Write-Warning "dotnet restore failed (exit code $LASTEXITCODE); looking for an installed Pester 5." }
    }
    if (Test-Path $module) { return $module }
    if (Get-Module -ListAvailable Pester | Where-Object { $_.Version.Major -eq 5 }) { return $null }
    throw "Pester 5 was not found. 'dotnet restore tests/DtsCrossAccount.Tests' downloads Pester 5.9.1 into the NuGet packages folder; or: Install-Module Pester -MinimumVersion 5.0 -MaximumVersion 5.99 -Scope CurrentUser -Force"
}

function Invoke-Pester5 {
    if (-not (Test-Path (Join-Path $OutDir 'bin/DtsCrossAccount.dll'))) { Invoke-Build }
    $pwsh = @(Get-Pwsh7)
    $module = Get-PesterModulePath
    $path = if ($PesterPath) { (Resolve-Path $PesterPath).Path } else { Join-Path $RepoRoot 'tests/Pester' }
    # A child process: the module's assembly cannot be unloaded, and the tests must not see this session's variables.
    $runnerArgs = @('-NoProfile', '-NonInteractive', '-File', (Join-Path $RepoRoot 'tests/Pester/Invoke-PesterSuite.ps1'), '-Path', $path)
    if ($module) { $runnerArgs += @('-PesterModule', $module) }
    $exe = $pwsh[0]
    $prefix = @($pwsh | Select-Object -Skip 1)
    & $exe @prefix @runnerArgs
    if ($LASTEXITCODE -ne 0) { throw "Pester reported failures (exit code $LASTEXITCODE)." }
}

function Invoke-Docs {
    if (-not (Get-Module -ListAvailable platyPS)) {
        throw ("The Docs task needs platyPS 0.14, which is not installed. Get it from the PowerShell Gallery with: " +
            "Install-Module platyPS -RequiredVersion 0.14.2 -Scope CurrentUser. Without it the committed " +
            "en-US/DtsCrossAccount.dll-Help.xml stays as it is; the tests still check it against docs/ and the code.")
    }
    Import-Module platyPS
    # Only the cmdlet pages (Verb-Noun.md): docs/ also holds the module page, build.md and examples.
    # Cmdlet pages are named Verb-DtsNoun.md; notes such as alibaba-provider.md are lower-case and must not be fed in.
    $pages = Get-ChildItem (Join-Path $RepoRoot 'docs') -Filter '*.md' |
        Where-Object { $_.Name -cmatch '^[A-Z][a-z]+-Dts[A-Za-z]+\.md$' } | ForEach-Object { $_.FullName }
    New-ExternalHelp -Path $pages -OutputPath (Join-Path $RepoRoot 'en-US') -Force | Out-Null
    Write-Host "Wrote en-US/DtsCrossAccount.dll-Help.xml from $($pages.Count) pages."
}

function Invoke-Package {
    if (-not (Test-Path (Join-Path $OutDir 'bin/DtsCrossAccount.dll'))) { Invoke-Build }
    $r = Invoke-Tool @('package', '--repo', $RepoRoot)
    Write-Host "Module: $($r['MODULE_FOLDER'])"
    Write-Host "Azure Automation zip: $($r['ZIP'])"
}

function Invoke-Emulator {
    $sandbox = Join-Path $OutDir 'sandbox'
    New-Item -ItemType Directory -Path $sandbox -Force | Out-Null
    $pidFile = Join-Path $sandbox 'emulator.pid'
    if (Test-Path $pidFile) {
        $old = Get-Process -Id ([int](Get-Content $pidFile)) -ErrorAction SilentlyContinue
        if ($old) { Stop-Process -Id $old.Id; Write-Host "Stopped the previous emulator (process $($old.Id))." }
    }
    Invoke-Dotnet build (Join-Path $RepoRoot 'src/DtsCrossAccount.Emulator') -c Release
    # The examples import ./DtsCrossAccount.psd1, which needs the built module. Built only when missing: Windows keeps
    # a loaded module's dll locked, and a session that already imported it must still be able to restart the emulator.
    if (-not (Test-Path (Join-Path $OutDir 'bin/DtsCrossAccount.dll'))) { Invoke-Dotnet build (Join-Path $RepoRoot 'src/DtsCrossAccount') -c Release }
    $dll = Join-Path $RepoRoot 'src/DtsCrossAccount.Emulator/bin/Release/net10.0/DtsCrossAccount.Emulator.dll'
    $log = Join-Path $sandbox 'emulator.out.log'
    Remove-Item $log -ErrorAction SilentlyContinue
    # The built dll rather than `dotnet run`: stopping this one process then stops the emulator.
    $emulatorArgs = @("`"$dll`"", '--port', '0')
    foreach ($option in @(@('--faults', $FaultPlan), @('--limits', $RateLimits))) {
        if (-not $option[1]) { continue }
        $file = (Resolve-Path -LiteralPath $option[1] -ErrorAction Stop).ProviderPath
        $emulatorArgs += @($option[0], "`"$file`"")
    }
    $proc = Start-Process -FilePath (Get-Command dotnet).Source -ArgumentList $emulatorArgs -PassThru `
        -RedirectStandardOutput $log -RedirectStandardError (Join-Path $sandbox 'emulator.err.log') -NoNewWindow
    Set-Content -Path $pidFile -Value $proc.Id
    $baseUrl = $null
    $deadline = (Get-Date).AddSeconds(30)
    while (-not $baseUrl -and (Get-Date) -lt $deadline) {
        Start-Sleep -Milliseconds 200
        if ($proc.HasExited) { throw "The emulator exited (code $($proc.ExitCode)); see $sandbox/emulator.err.log." }
        if (Test-Path $log) { $baseUrl = Get-Content $log -TotalCount 1 -ErrorAction SilentlyContinue }
    }
    if (-not $baseUrl) { throw "The emulator did not print its URL within 30 seconds; see $log." }

    $toolArgs = @('sandbox-profiles', $sandbox, $baseUrl)
    if ($UseRealProfileFiles) { $toolArgs += @('--real-home', [Environment]::GetFolderPath('UserProfile')) }
    $r = Invoke-Tool $toolArgs
    $env:DTSCROSSACCOUNT_ENDPOINT_URL = $r['DTSCROSSACCOUNT_ENDPOINT_URL']
    if ($UseRealProfileFiles) {
        # The real files hold the profiles now; drop any override left from an earlier sandbox run.
        Remove-Item Env:TENCENTCLOUD_CREDENTIALS_FILE, Env:ALIBABA_CLOUD_CONFIG_FILE -ErrorAction SilentlyContinue
        Write-Host "Added to your real profile files: $($r['ADDED_TO_REAL_FILES'])"
    }
    else {
        $env:TENCENTCLOUD_CREDENTIALS_FILE = $r['TENCENTCLOUD_CREDENTIALS_FILE']
        $env:ALIBABA_CLOUD_CONFIG_FILE = $r['ALIBABA_CLOUD_CONFIG_FILE']
    }
    # Keys in the environment would win over -ProfileName's absence and point at a real account.
    foreach ($name in 'TENCENTCLOUD_SECRET_ID', 'TENCENTCLOUD_SECRET_KEY', 'ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_SECURITY_TOKEN', 'ALIBABA_CLOUD_PROFILE') {
        Remove-Item "Env:$name" -ErrorAction SilentlyContinue
    }
    Set-SandboxAutomationAssets
    Write-Host "Emulator: $baseUrl (process $($proc.Id); stop it with: Stop-Process -Id $($proc.Id))"
    Write-Host "Profiles: $($r['PROFILES'])"
}

# Outside Azure Automation there is no Get-AutomationPSCredential. For docs/examples/azure-automation-runbook.ps1 to
# run unchanged against the emulator, define a stand-in that returns a profile's keys as the credential asset of the
# same name (user = key ID, password = secret), plus 'dts-database' for the database account, as the sandbox does.
function Set-SandboxAutomationAssets {
    if (Get-Command Get-AutomationPSCredential -CommandType Cmdlet -ErrorAction SilentlyContinue) { return }
    function global:Get-AutomationPSCredential {
        param([Parameter(Mandatory)][string] $Name)
        function New-Credential([string] $user, [string] $secret) {
            [pscredential]::new($user, (ConvertTo-SecureString -String $secret -AsPlainText -Force))
        }
        if ($Name -eq 'dts-database') { return New-Credential 'dts_sync' 'Example-Passw0rd!' }
        $section = $null
        foreach ($line in Get-Content -Path $env:TENCENTCLOUD_CREDENTIALS_FILE -ErrorAction SilentlyContinue) {
            if ($line -match '^\[(.+)\]$') { $section = $Matches[1]; $id = $null; continue }
            if ($section -ne $Name) { continue }
            if ($line -match '^secret_id\s*=\s*(.+)$') { $id = $Matches[1].Trim() }
            if ($line -match '^secret_key\s*=\s*(.+)$') { return New-Credential $id $Matches[1].Trim() }
        }
        if ($env:ALIBABA_CLOUD_CONFIG_FILE -and (Test-Path $env:ALIBABA_CLOUD_CONFIG_FILE)) {
            $profile = (Get-Content -Raw $env:ALIBABA_CLOUD_CONFIG_FILE | ConvertFrom-Json).profiles | Where-Object name -EQ $Name
            if ($profile) { return New-Credential $profile.access_key_id $profile.access_key_secret }
        }
        throw "Credential asset '$Name' not found among the sandbox profiles."
    }
    Write-Host 'Defined Get-AutomationPSCredential (sandbox stand-in: profile names are the asset names).'
}

function Invoke-Clean {
    if (Test-Path $OutDir) { Remove-Item $OutDir -Recurse -Force }
    Get-ChildItem (Join-Path $RepoRoot 'src'), (Join-Path $RepoRoot 'tests') -Directory -Recurse -Include bin, obj -ErrorAction SilentlyContinue |
        ForEach-Object { Remove-Item $_.FullName -Recurse -Force }
}

foreach ($t in $Task) {
    Write-Host "== $t" -ForegroundColor Cyan
    try {
        switch ($t) {
            'Build'    { Invoke-Build }
            'Test'     { Invoke-Test }
            'Pester'   { Invoke-Pester5 }
            'Docs'     { Invoke-Docs }
            'Package'  { Invoke-Package }
            'Emulator' { Invoke-Emulator }
            'Clean'    { Invoke-Clean }
        }
    }
    catch {
        # One plain line that says which task failed and why (the error view would wrap it in a frame), and a non-zero
        # exit code for CI; in an interactive shell `exit` ends only this script.
        Write-Host "build.ps1 -Task ${t} failed: $($_.Exception.Message)" -ForegroundColor Red
        exit 1
    }
}
