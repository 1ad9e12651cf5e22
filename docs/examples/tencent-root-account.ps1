# Tencent Cloud DTS: cross-account data sync run by the ROOT account of the target database.
# Account A (100000000001) owns the source instance; account B (100000000002) owns the target and creates the task.
# Guide: "Authorizing Account" steps 1-6, then "Creating Sync Task".

# Database accounts DTS signs in with (replace with your own; never commit real passwords).
$sourceDb = [pscredential]::new('dts_reader', [System.Net.NetworkCredential]::new('', 'Src-Reader-Pass1').SecurePassword)
$targetDb = [pscredential]::new('dts_writer', [System.Net.NetworkCredential]::new('', 'Dst-Writer-Pass1').SecurePassword)

# Steps 1-6, with A's credentials: role "DTS-role" whose entity is B's root account, an external ID,
# and the preset policy QcloudDTSReadOnlyAccess. Re-running changes nothing.
$role = New-DtsCrossAccountRole -Cloud Tencent -ProfileName tencent-a `
    -AccountId 100000000001 -TrustedAccountId 100000000002 -RoleName DTS-role -ExternalId orders-sync-2026

# What the console does when B picks A's region: assume the role and list A's instances.
# A failed check carries the remedy (wrong peer ID, wrong role name, wrong external ID ...).
$access = $role | Test-DtsCrossAccountAccess -ProfileName tencent-b -Region ap-guangzhou
$access.Checks | Where-Object Result -eq 'Failed'

# Buying a pay-as-you-go job asks for confirmation; -Confirm:$false answers it in a script.
# Creating Sync Task, with B's root credentials: buy, configure (peer account, role, external ID),
# verify, start, and wait until the task is Running. Re-running with the same -Name resumes the same job.
$role | New-DtsSyncTask -ProfileName tencent-b -Region ap-guangzhou -Name orders-a-to-b `
    -SourceInstanceId cdb-src00001 -SourceEngine MySQL -SourceDatabaseCredential $sourceDb `
    -DestinationInstanceId cdb-dst00001 -DestinationEngine MySQL -DestinationDatabaseCredential $targetDb `
    -Database shop -Table crm.leads -Wait -Confirm:$false
