using System.IO;
using System.Text;

namespace DtIommu.Simulation.Trace;

/// <summary>
/// Reads a trace line by line from a stream with a bound on line length, so that a trace without line ends (or from
/// <c>/dev/zero</c>) is a located error after a few kilobytes instead of an unbounded allocation.
/// </summary>
public sealed class TraceLineReader
{
    /// <summary>Longest line accepted, in characters.</summary>
    public const int MaxLineLength = 16 * 1024;

    private readonly TextReader _reader;
    private readonly char[] _buffer = new char[64 * 1024];
    private readonly StringBuilder _line = new();
    private int _pos, _len;

    /// <summary>Reads from <paramref name="reader"/>.</summary>
    public TraceLineReader(TextReader reader) => _reader = reader;

    /// <summary>Number of the line last returned (1-based).</summary>
    public int LineNumber { get; private set; }

    /// <summary>Set when the last call stopped at a line longer than <see cref="MaxLineLength"/>.</summary>
    public bool TooLong { get; private set; }

    /// <summary>The next line without its line end, or null at the end of input or after a line that is too long.</summary>
    public string? ReadLine()
    {
        if (TooLong) return null;
        _line.Clear();
        bool any = false;
        while (true)
        {
            if (_pos == _len)
            {
                _len = _reader.Read(_buffer, 0, _buffer.Length);
                _pos = 0;
                if (_len <= 0)
                {
                    _len = 0;
                    if (!any) return null;
                    LineNumber++;
                    return _line.ToString();
                }
            }
            any = true;
            int start = _pos;
            int nl = System.Array.IndexOf(_buffer, '\n', _pos, _len - _pos);
            _pos = nl < 0 ? _len : nl;
            int count = _pos - start;
            if (nl >= 0 && _line.Length == 0 && count <= MaxLineLength)
            {
                // The whole line is in the buffer: one string, no copy through the builder.
                _pos++;
                LineNumber++;
                if (count > 0 && _buffer[start + count - 1] == '\r') count--;
                return new string(_buffer, start, count);
            }
            if (_line.Length + count > MaxLineLength)
            {
                LineNumber++;
                TooLong = true;
                return null;
            }
            _line.Append(_buffer, start, count);
            if (_pos < _len)
            {
                _pos++;
                LineNumber++;
                if (_line.Length > 0 && _line[_line.Length - 1] == '\r') _line.Length--;
                return _line.ToString();
            }
        }
    }
}
