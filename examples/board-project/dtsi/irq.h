/* GIC interrupt specifier values, as in Linux's dt-bindings/interrupt-controller/arm-gic.h. */
#define GIC_SPI 0
#define IRQ_TYPE_EDGE_RISING 1
#define IRQ_TYPE_LEVEL_HIGH 4
