using System.Buffers.Binary;
using System.Text;

namespace Ledger.Regions;

/// <summary>A GNU gettext catalogue (<c>.mo</c>): the translation of each message id. The format is a header of seven
/// 32-bit words (magic, revision, count, offsets of the original and translated tables) and two tables of
/// (length, offset) pairs into UTF-8 strings; the magic's byte order says the file's.</summary>
public static class MoCatalog
{
    private const uint Magic = 0x950412de;

    public static IReadOnlyDictionary<string, string> Read(byte[] bytes)
    {
        if (bytes.Length < 28) throw new InvalidDataException("a .mo file has a 28-byte header");
        var little = BinaryPrimitives.ReadUInt32LittleEndian(bytes) == Magic;
        if (!little && BinaryPrimitives.ReadUInt32BigEndian(bytes) != Magic) throw new InvalidDataException("not a .mo file");
        uint Word(int at) => little ? BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at)) : BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at));
        string Text(int table, int i) =>
            Encoding.UTF8.GetString(bytes, checked((int)Word(table + 8 * i + 4)), checked((int)Word(table + 8 * i)));
        var count = checked((int)Word(8));
        int originals = checked((int)Word(12)), translations = checked((int)Word(16));
        var map = new Dictionary<string, string>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var id = Text(originals, i);
            // The empty id holds the catalogue's header; a plural form's id is "one\0many" (none in iso-codes).
            if (id.Length == 0 || id.Contains('\0')) continue;
            var translated = Text(translations, i);
            if (translated.Length > 0) map[id] = translated;
        }
        return map;
    }
}
