package soapgen.metro;

import java.math.BigDecimal;
import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;

@XmlAccessorType(XmlAccessType.FIELD)
public class Line {
  public String sku;
  public int quantity;
  public BigDecimal price;
}
