using DtsCrossAccount.Emulator.Core;

namespace DtsCrossAccount.Emulator.Alibaba;

/// <summary>Alibaba Cloud RPC wire protocol: ACS3-HMAC-SHA256 (V3) and HMAC-SHA1 (V2) verification, JSON envelopes.</summary>
public static class AlibabaFrontend
{
    public static RawResponse Handle(RawRequest request, EmulatorCore core) => throw new NotImplementedException();
}
