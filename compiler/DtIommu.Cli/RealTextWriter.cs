using System.Text;
using DtIommu.Sources;

namespace DtIommu.Cli;

/// <summary>
/// A UTF-8 console writer for the subcommands (lint, model, simulate, overlay), whose reports are UTF-8 documents:
/// byte text inside them (a file name from a line marker, a string from a source) is decoded before it is encoded,
/// so an <c>é</c> in a source prints as <c>é</c>, not as the two characters its bytes would make.
/// </summary>
internal sealed class RealTextWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => inner.Write(value);

    public override void Write(string? value) => inner.Write(value == null ? null : Latin1.ToText(value));

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value) => inner.WriteLine(value == null ? null : Latin1.ToText(value));

    public override void Flush() => inner.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
