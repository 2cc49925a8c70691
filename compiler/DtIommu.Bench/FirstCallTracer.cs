using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace DtIommu.Bench;

/// <summary>
/// Records which functions of a native program one run enters, in the order it first enters them (Linux x86-64):
/// a one-shot breakpoint on each function's first byte, set through ptrace once the program is loaded. The native
/// build lays its methods out in that order (IlcOrderFile), so a short run touches a few contiguous pages of code
/// instead of a page here and there across the whole binary.
/// </summary>
internal static class FirstCallTracer
{
    /// <summary>
    /// <c>first-calls FUNCTIONS OUT -- PROGRAM ARGS...</c>: FUNCTIONS has a function a line, its address (hex) and
    /// its symbol; the symbols the run enters are appended to OUT in first-entry order.
    /// </summary>
    public static int Run(string[] args)
    {
        var dash = Array.IndexOf(args, "--");
        if (dash != 2 || args.Length < 4)
        {
            Console.Error.WriteLine("usage: first-calls FUNCTIONS OUT -- PROGRAM [ARGS...]");
            return 2;
        }
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            Console.Error.WriteLine("first-calls: Linux on x86-64 only");
            return 2;
        }
        var names = new Dictionary<ulong, List<string>>();
        foreach (var line in File.ReadLines(args[0]))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || !ulong.TryParse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var address)) continue;
            if (!names.TryGetValue(address, out var list)) names[address] = list = [];
            list.Add(parts[^1]);
        }
        var entered = Trace(args.Skip(3).ToArray(), names.Keys.ToList(), out var error);
        if (entered == null)
        {
            Console.Error.WriteLine("first-calls: " + error);
            return 1;
        }
        File.AppendAllLines(args[1], entered.SelectMany(a => names[a]));
        Console.Error.WriteLine($"first-calls: {entered.Count} of {names.Count} functions entered by {Path.GetFileName(args[3])} {string.Join(' ', args.Skip(4))}");
        return 0;
    }

    // The functions the program argv[0] enters, in order; null (and why) when it cannot be traced.
    private static List<ulong>? Trace(string[] argv, List<ulong> functions, out string? error)
    {
        error = null;
        // The program stops itself before it becomes the program, so the tracer can take it over and see the exec.
        string?[] shellArgv = ["sh", "-c", "kill -STOP $$; exec \"$0\" \"$@\"", .. argv, null];
        var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().Select(e => $"{e.Key}={e.Value}").Append(null).ToArray();
        var spawned = posix_spawnp(out var pid, "sh", 0, 0, shellArgv, environment!);
        if (spawned != 0) return Fail($"cannot start sh: error {spawned}", out error);
        if (waitpid(pid, out var status, WUntraced) != pid || !Stopped(status)) return Fail("the program did not stop before it started", out error);
        if (ptrace(PtraceSeize, pid, 0, OptionTraceExec | OptionTraceClone | OptionExitKill) != 0)
            return Fail($"ptrace refused (errno {Marshal.GetLastPInvokeError()}): is tracing allowed here?", out error);
        kill(pid, SigCont);

        var original = new Dictionary<ulong, byte>();
        var order = new List<ulong>();
        ulong bias = 0;
        var regs = Marshal.AllocHGlobal(RegsSize);
        try
        {
            while (true)
            {
                var thread = waitpid(-1, out status, WAll);
                if (thread < 0) break;
                if (!Stopped(status))
                {
                    if (thread == pid) break;
                    continue;
                }
                var signal = (status >> 8) & 0xff;
                var stopEvent = (status >> 16) & 0xff;
                if (stopEvent == EventExec && original.Count == 0)
                {
                    bias = LoadBias(pid);
                    foreach (var f in functions)
                    {
                        var address = f + bias;
                        var word = Peek(thread, address, out var ok);
                        if (!ok) continue;
                        original[address] = (byte)word;
                        ptrace(PtracePokeText, thread, (nint)address, (nint)((word & ~0xffL) | 0xcc));
                    }
                    Continue(thread, 0);
                }
                else if (stopEvent != 0)
                {
                    Continue(thread, 0);
                }
                else if (signal == SigTrap && ptrace(PtraceGetRegs, thread, 0, regs) == 0 &&
                         Marshal.ReadInt64(regs, RipOffset) - 1 is var hit && original.TryGetValue((ulong)hit, out var first))
                {
                    // Another thread may have reached the same breakpoint before this one was restored: rewind it too.
                    var word = Peek(thread, (ulong)hit, out var ok);
                    if (ok && (byte)word == 0xcc)
                    {
                        ptrace(PtracePokeText, thread, (nint)hit, (nint)((word & ~0xffL) | first));
                        order.Add((ulong)hit - bias);
                    }
                    Marshal.WriteInt64(regs, RipOffset, hit);
                    ptrace(PtraceSetRegs, thread, 0, regs);
                    Continue(thread, 0);
                }
                else
                {
                    Continue(thread, signal);
                }
            }
        }
        finally
        {
            Marshal.FreeHGlobal(regs);
        }
        return order;
    }

    private static List<ulong>? Fail(string why, out string? error)
    {
        error = why;
        return null;
    }

    private static bool Stopped(int status) => (status & 0xff) == 0x7f;

    private static void Continue(int thread, int signal) => ptrace(PtraceCont, thread, 0, signal);

    private static long Peek(int thread, ulong address, out bool ok)
    {
        Marshal.SetLastPInvokeError(0);
        var word = ptrace(PtracePeekText, thread, (nint)address, 0);
        ok = word != -1 || Marshal.GetLastPInvokeError() == 0;
        return word;
    }

    // Where the program is loaded relative to its symbols: nothing for a position-dependent executable, else the
    // start of its first mapping.
    private static ulong LoadBias(int pid)
    {
        var exe = new FileInfo($"/proc/{pid}/exe").LinkTarget ?? throw new IOException($"no executable for process {pid}");
        using (var elf = File.OpenRead(exe))
        {
            var header = new byte[18];
            if (elf.Read(header, 0, header.Length) == header.Length && BitConverter.ToUInt16(header, 16) == ElfExecutable) return 0;
        }
        foreach (var line in File.ReadLines($"/proc/{pid}/maps"))
            if (line.EndsWith(" " + exe, StringComparison.Ordinal))
                return ulong.Parse(line.AsSpan(0, line.IndexOf('-')), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return 0;
    }

    private const int ElfExecutable = 2;
    private const int WUntraced = 2;
    private const int WAll = 0x40000000;
    private const int SigTrap = 5;
    private const int SigCont = 18;
    private const int PtracePeekText = 1;
    private const int PtracePokeText = 4;
    private const int PtraceCont = 7;
    private const int PtraceGetRegs = 12;
    private const int PtraceSetRegs = 13;
    private const int PtraceSeize = 0x4206;
    private const int OptionTraceClone = 0x8;
    private const int OptionTraceExec = 0x10;
    private const int OptionExitKill = 0x100000;
    private const int EventExec = 4;
    private const int RegsSize = 27 * 8;
    private const int RipOffset = 16 * 8;

    [DllImport("libc", SetLastError = true)]
    private static extern long ptrace(long request, int pid, nint address, nint data);

    [DllImport("libc", SetLastError = true)]
    private static extern int waitpid(int pid, out int status, int options);

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    [DllImport("libc")]
    private static extern int posix_spawnp(out int pid, string file, nint fileActions, nint attributes, string?[] argv, string[] envp);
}
