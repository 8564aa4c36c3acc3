/* Test-only stand-in for Windows' bcryptprimitives.dll, for running
 * briefsmith.exe under Debian 12's Wine 8.0, which lacks it. Rust's
 * standard library (1.78 and later) takes its random numbers from
 * ProcessPrng there; Windows 10 and later have it. Never shipped: the
 * zip does not contain it. scripts/wine-check builds it into the Wine
 * prefix. ProcessPrng is answered with advapi32's RtlGenRandom
 * (SystemFunction036). */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
