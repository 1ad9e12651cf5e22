# Alibaba Cloud DTS, scenario 2 "Cross-account destination database":
# account A (1000000000000001) owns the source and creates the DTS task; account B (1000000000000002) owns the
# destination RDS MySQL instance. B configures RAM authorization; the trust policy carries A's ID.

$sourceDb = [pscredential]::new('dts_reader', [System.Net.NetworkCredential]::new('', 'Src-Reader-Pass1').SecurePassword)
$targetDb = [pscredential]::new('dts_writer', [System.Net.NetworkCredential]::new('', 'Dst-Writer-Pass1').SecurePassword)

# Steps 1-3 with B's root account.
$role = New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-b `
    -AccountId 1000000000000002 -TrustedAccountId 1000000000000001 -RoleName ram-for-dts

$access = $role | Test-DtsCrossAccountAccess -ProfileName alibaba-a -OwnerProfileName alibaba-b -Region cn-shanghai
$access.Checks | Where-Object Result -eq 'Failed'

# A creates the task; the role goes to the destination side (owner B).
New-DtsSyncTask -Cloud Alibaba -ProfileName alibaba-a -Region cn-shanghai -Name orders-a-to-b-sh -DestinationRole $role `
    -SourceInstanceId rm-src0000002 -SourceEngine MySQL -SourceDatabaseCredential $sourceDb `
    -DestinationInstanceId rm-dst0000002 -DestinationEngine MySQL -DestinationDatabaseCredential $targetDb `
    -Table shop.orders -Wait -Confirm:$false
