# Alibaba Cloud DTS, scenario 3 "Cross-account source and destination databases":
# A (1000000000000001) owns the source, B (1000000000000002) the destination, and the designated account
# C (1000000000000003) creates the DTS task through its RAM user dts-operator. A and B each authorize C.

$sourceDb = [pscredential]::new('dts_reader', [System.Net.NetworkCredential]::new('', 'Src-Reader-Pass1').SecurePassword)
$targetDb = [pscredential]::new('dts_writer', [System.Net.NetworkCredential]::new('', 'Dst-Writer-Pass1').SecurePassword)

# The scenario follows from the three IDs; each owner runs it with its own root account and creates its own role.
$sourceRole = New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-a -RoleName ram-for-dts `
    -SourceAccountId 1000000000000001 -DestinationAccountId 1000000000000002 -TaskAccountId 1000000000000003 |
    Where-Object { $_.Endpoint -eq 'Source' }
$destinationRole = New-DtsCrossAccountRole -Cloud Alibaba -ProfileName alibaba-b -RoleName ram-for-dts `
    -SourceAccountId 1000000000000001 -DestinationAccountId 1000000000000002 -TaskAccountId 1000000000000003 |
    Where-Object { $_.Endpoint -eq 'Destination' }

# C's root account lets its RAM user assume both roles (a custom policy per role).
$sourceRole, $destinationRole | Grant-DtsSubAccountAssumeRole -Cloud Alibaba -ProfileName alibaba-c -RamUserName dts-operator

# As the RAM user: AssumeRole and the instance listing through each role.
$sourceRole, $destinationRole | Test-DtsCrossAccountAccess -Cloud Alibaba -ProfileName alibaba-c-operator -Region cn-hangzhou |
    ForEach-Object { $_.Checks } | Where-Object Result -eq 'Failed'

New-DtsSyncTask -Cloud Alibaba -ProfileName alibaba-c-operator -Region cn-hangzhou -Name orders-a-to-b-via-c `
    -SourceRole $sourceRole -DestinationRole $destinationRole `
    -SourceInstanceId rm-src0000001 -SourceEngine MySQL -SourceDatabaseCredential $sourceDb `
    -DestinationInstanceId rm-dst0000001 -DestinationEngine MySQL -DestinationDatabaseCredential $targetDb `
    -Database shop, crm -Wait -Confirm:$false
