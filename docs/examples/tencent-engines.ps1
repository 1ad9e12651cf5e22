# Tencent Cloud DTS: one cross-account sync task per engine of the guide's Supported Scope beyond MySQL
# ("TencentDB for MySQL, TDSQL for MySQL, TDSQL-C, and TencentDB for MariaDB"), each with its own sync options (step 5).
# Account A (100000000001) owns the sources; account B (100000000002) owns the targets and creates the tasks as root.
# Re-running changes nothing.
$ErrorActionPreference = 'Stop'
# From a clone: the module at the repository root. Once installed: by name.
$manifest = if ($PSScriptRoot) { Join-Path $PSScriptRoot '../../DtsCrossAccount.psd1' }
if ($manifest -and (Test-Path $manifest)) { Import-Module $manifest } else { Import-Module DtsCrossAccount }

$sourceDb = [pscredential]::new('dts_reader', [System.Net.NetworkCredential]::new('', 'Src-Reader-Pass1').SecurePassword)
$targetDb = [pscredential]::new('dts_writer', [System.Net.NetworkCredential]::new('', 'Dst-Writer-Pass1').SecurePassword)

# Steps 1-6, with A's credentials: the same role serves every engine (QcloudDTSReadOnlyAccess reads all four).
Write-Host 'Steps 1-6, as A''s root (tencent-a): role DTS-role, trusted by B''s root account'
$role = New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a `
    -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName DTS-role
$role | Out-Host

# Each engine: the console's listing of A's instances of that engine through the role, then the task.
# Pay-as-you-go, as by default; -Confirm:$false answers the purchase's confirmation in a script.
$engines = @(
    # TDSQL for MySQL: sent as SrcInfos/DstInfos (cluster); the source is reached through the TDSQL proxy
    # (-SourceTdsqlConnection Set -SourceTdsqlSet 'setId=ip:port', ... connects to each shard instead).
    @{ Engine = 'TDSQL'; Name = 'ledger-a-to-b'; Source = 'tdsqlshard-src01'; Target = 'tdsqlshard-dst01'; Database = 'ledger'
       Options = @{ SourceTdsqlConnection = 'Proxy' } }
    # TDSQL-C for MySQL (cynosdbmysql): the DML and only the table DDL that creates and alters tables.
    @{ Engine = 'TDSQL-C'; Name = 'catalog-a-to-b'; Source = 'cynosdbmysql-src01'; Target = 'cynosdbmysql-dst01'; Database = 'catalog'
       Options = @{ SyncOperation = 'Insert', 'Update', 'Delete', 'DDL'; SyncDdl = 'Table.Create', 'Table.Alter' } }
    # TencentDB for MariaDB: the target already holds the tables; keep them and overwrite conflicting rows.
    @{ Engine = 'MariaDB'; Name = 'billing-a-to-b'; Source = 'tdsql-src00001'; Target = 'tdsql-dst00001'; Database = 'billing'
       Options = @{ Initialization = 'FullData', 'Incremental'; ExistingTableHandling = 'ExecuteAfterIgnore'; ConflictHandling = 'Cover' } }
)
$tasks = foreach ($e in $engines) {
    Write-Host ("{0}: what the DTS console lists of A's {0} instances through the role (as tencent-b)" -f $e.Engine)
    $access = $role | Test-DtsCrossAccountAccess -ProfileName tencent-b -Region ap-guangzhou -Engine $e.Engine
    $access | Out-Host
    if (-not $access.Passed) { throw "The $($e.Engine) access check failed; each failed check above names its remedy." }

    $options = $e.Options
    $role | New-DtsSyncTask -ProfileName tencent-b -Region ap-guangzhou -Name $e.Name `
        -SourceInstanceId $e.Source -SourceEngine $e.Engine -SourceDatabaseCredential $sourceDb `
        -DestinationInstanceId $e.Target -DestinationEngine $e.Engine -DestinationDatabaseCredential $targetDb `
        -Database $e.Database @options -Wait -Confirm:$false
}

Write-Host 'Summary: one running sync task per engine, created by B''s root account'
$tasks
