using DtIommu.Model;

namespace DtIommu.Checks;

/// <summary>Bus bridges (PCI, simple-bus, I2C, SPI) and the addressing of their children.</summary>
internal static class BusChecks
{
    public const string PciBus = "PCI";
    public const string SimpleBus = "simple-bus";
    public const string I2cBus = "i2c-bus";
    public const string SpiBus = "spi-bus";

    public static void PciBridge(CheckRun run, Node node)
    {
        if (!Dtc.StringEquals(node.GetProperty("device_type"), "pci")) return;
        node.BusType = PciBus;
        if (!Dtc.BaseNameIs(node, "pci") && !Dtc.BaseNameIs(node, "pcie"))
            run.Fail(node, "node name is not \"pci\" or \"pcie\"");
        if (node.GetProperty("ranges") == null)
            run.Fail(node, "missing ranges for PCI bridge (or not a bridge)");
        if (Dtc.AddrCells(node) != 3) run.Fail(node, "incorrect #address-cells for PCI bridge");
        if (Dtc.SizeCells(node) != 2) run.Fail(node, "incorrect #size-cells for PCI bridge");
        var prop = node.GetProperty("bus-range");
        if (prop == null) return;
        if (prop.Value.Length != 8)
        {
            run.FailProperty(node, prop, "value must be 2 cells");
            return;
        }
        var min = prop.Value.GetCell(0);
        var max = prop.Value.GetCell(4);
        if (min > max) run.FailProperty(node, prop, "1st cell must be less than or equal to 2nd cell");
        if (max > 0xff) run.FailProperty(node, prop, "maximum bus number must be less than 256");
    }

    public static void PciDeviceBusNum(CheckRun run, Node node)
    {
        if (node.Parent == null || node.Parent.BusType != PciBus) return;
        var reg = node.GetProperty("reg");
        if (reg == null) return;
        var busNum = (Dtc.Cell(reg.Value, 0) & 0x00ff0000u) >> 16;
        var range = node.Parent.GetProperty("bus-range");
        uint min = 0, max = 0;
        if (range != null)
        {
            min = Dtc.Cell(range.Value, 0);
            max = Dtc.Cell(range.Value, 1);
        }
        if (busNum < min || busNum > max)
            run.FailProperty(node, range, "PCI bus number " + Dtc.Dec(busNum) + " out of range, expected (" +
                Dtc.Dec((int)min) + " - " + Dtc.Dec((int)max) + ")");
    }

    public static void PciDeviceReg(CheckRun run, Node node)
    {
        if (node.Parent == null || node.Parent.BusType != PciBus) return;
        var prop = node.GetProperty("reg");
        if (prop == null) return;
        var v = prop.Value;
        if (Dtc.Cell(v, 1) != 0 || Dtc.Cell(v, 2) != 0)
            run.FailProperty(node, prop, "PCI reg config space address cells 2 and 3 must be 0");
        var reg = Dtc.Cell(v, 0);
        var dev = (reg & 0xf800u) >> 11;
        var func = (reg & 0x700u) >> 8;
        if ((reg & 0xff000000u) != 0) run.FailProperty(node, prop, "PCI reg address is not configuration space");
        if ((reg & 0x000000ffu) != 0) run.FailProperty(node, prop, "PCI reg config space address register number must be 0");
        if (func == 0 && Dtc.UnitAddressIsHex(node, dev)) return;
        var expected = Dtc.Hex(dev) + "," + Dtc.Hex(func);
        if (node.UnitAddress == expected) return;
        run.Fail(node, "PCI unit address format error, expected \"" + expected + "\"");
    }

    private static bool IsCompatible(Node node, string compatible)
    {
        var prop = node.GetProperty("compatible");
        if (prop == null) return false;
        return Dtc.ContainsString(prop.Value, compatible);
    }

    public static void SimpleBusBridge(CheckRun run, Node node)
    {
        if (IsCompatible(node, "simple-bus")) node.BusType = SimpleBus;
    }

    public static void SimpleBusReg(CheckRun run, Node node)
    {
        if (node.Parent == null || node.Parent.BusType != SimpleBus) return;
        PropertyValue? cells = null;
        var first = 0;
        var reg = node.GetProperty("reg");
        if (reg != null)
        {
            if (reg.Value.Length > 0) cells = reg.Value;
        }
        else
        {
            var ranges = node.GetProperty("ranges");
            if (ranges != null && ranges.Value.Length > 0)
            {
                // The parent-bus address follows the child address in each ranges entry.
                cells = ranges.Value;
                first = Dtc.AddrCells(node);
            }
        }
        if (cells == null)
        {
            if (node.Parent.Parent != null && node.BusType != SimpleBus)
                run.Fail(node, "missing or empty reg/ranges property");
            return;
        }
        ulong address = 0;
        var size = Dtc.AddrCells(node.Parent);
        for (var k = 0; k < size; k++) address = (address << 32) | Dtc.Cell(cells, first + k);
        if (!Dtc.UnitAddressIsHex(node, address))
            run.Fail(node, "simple-bus unit address format error, expected \"" + Dtc.Hex(address) + "\"");
    }

    public static void I2cBusBridge(CheckRun run, Node node)
    {
        if (Dtc.BaseNameIs(node, "i2c-bus") || Dtc.BaseNameIs(node, "i2c-arb"))
        {
            node.BusType = I2cBus;
        }
        else if (Dtc.BaseNameIs(node, "i2c"))
        {
            // dtc compares each child's name prefix of the parent's base-name length (3) with the 7-character
            // "i2c-bus", which never matches: every "i2c" node becomes an I2C bus, and so here.
            node.BusType = I2cBus;
        }
        else
        {
            return;
        }
        if (!Dtc.HasChildList(node)) return;
        if (Dtc.AddrCells(node) != 1) run.Fail(node, "incorrect #address-cells for I2C bus");
        if (Dtc.SizeCells(node) != 0) run.Fail(node, "incorrect #size-cells for I2C bus");
    }

    private const uint I2cOwnSlaveAddress = 1u << 30;
    private const uint I2cTenBitAddress = 1u << 31;

    public static void I2cBusReg(CheckRun run, Node node)
    {
        if (node.Parent == null || node.Parent.BusType != I2cBus) return;
        var prop = node.GetProperty("reg");
        if (prop == null || prop.Value.Length == 0)
        {
            run.Fail(node, "missing or empty reg property");
            return;
        }
        var v = prop.Value;
        var reg = Dtc.Cell(v, 0) & ~I2cOwnSlaveAddress;
        if (!Dtc.UnitAddressIsHex(node, reg))
            run.Fail(node, "I2C bus unit address format error, expected \"" + Dtc.Hex(reg) + "\"");
        for (int len = v.Length, k = 0; len > 0; len -= 4, k++)
        {
            reg = Dtc.Cell(v, k) & ~I2cOwnSlaveAddress;
            if ((reg & I2cTenBitAddress) != 0)
            {
                if ((reg & ~I2cTenBitAddress) > 0x3ff)
                    run.FailProperty(node, prop, "I2C address must be less than 10-bits, got \"0x" + Dtc.Hex(reg) + "\"");
            }
            else if (reg > 0x7f)
            {
                run.FailProperty(node, prop, "I2C address must be less than 7-bits, got \"0x" + Dtc.Hex(reg) +
                    "\". Set I2C_TEN_BIT_ADDRESS for 10 bit addresses or fix the property");
            }
        }
    }

    public static void SpiBusBridge(CheckRun run, Node node)
    {
        var addrCells = 1;
        if (Dtc.BaseNameIs(node, "spi"))
        {
            node.BusType = SpiBus;
        }
        else
        {
            // A bus not named "spi" is recognised by children with spi-* properties.
            if (Dtc.AddrCells(node) != 1 || Dtc.SizeCells(node) != 0) return;
            foreach (var child in node.Children)
            {
                if (child.IsDeleted) continue;
                foreach (var p in child.Properties)
                    if (!p.IsDeleted && Dtc.StartsWith(p.Name, "spi-")) { node.BusType = SpiBus; break; }
                if (node.BusType == SpiBus) break;
            }
            if (node.BusType == SpiBus && node.GetProperty("reg") != null)
                run.Fail(node, "node name for SPI buses should be 'spi'");
        }
        if (node.BusType != SpiBus || !Dtc.HasChildList(node)) return;
        if (node.GetProperty("spi-slave") != null) addrCells = 0;
        if (Dtc.AddrCells(node) != addrCells) run.Fail(node, "incorrect #address-cells for SPI bus");
        if (Dtc.SizeCells(node) != 0) run.Fail(node, "incorrect #size-cells for SPI bus");
    }

    public static void SpiBusReg(CheckRun run, Node node)
    {
        if (node.Parent == null || node.Parent.BusType != SpiBus) return;
        if (node.Parent.GetProperty("spi-slave") != null) return;
        var prop = node.GetProperty("reg");
        if (prop == null || prop.Value.Length == 0)
        {
            run.Fail(node, "missing or empty reg property");
            return;
        }
        var reg = Dtc.Cell(prop.Value, 0);
        if (!Dtc.UnitAddressIsHex(node, reg))
            run.Fail(node, "SPI bus unit address format error, expected \"" + Dtc.Hex(reg) + "\"");
    }
}
