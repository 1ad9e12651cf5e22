using DtsCrossAccount.Emulator.Core;

namespace DtsCrossAccount.Emulator.Alibaba;

/// <summary>Registers the emulated Alibaba RAM 2015-05-01, STS 2015-04-01, DTS 2020-01-01 and RDS 2014-08-15 actions.</summary>
public static class AlibabaApis
{
    public static void Register(ApiRegistry registry)
    {
        AlibabaRam.Register(registry);
        AlibabaSts.Register(registry);
        AlibabaDts.Register(registry);
        AlibabaRds.Register(registry);
        AlibabaInstanceAttributes.Register(registry);
    }
}
