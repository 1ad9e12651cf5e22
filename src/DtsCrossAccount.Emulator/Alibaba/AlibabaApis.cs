using DtsCrossAccount.Emulator.Core;

namespace DtsCrossAccount.Emulator.Alibaba;

/// <summary>Registers the emulated Alibaba RAM 2015-05-01, STS 2015-04-01 and DTS 2020-01-01 actions.</summary>
public static class AlibabaApis
{
    public static void Register(ApiRegistry registry)
    {
    }
}
