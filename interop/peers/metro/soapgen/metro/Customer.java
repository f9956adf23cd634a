package soapgen.metro;

import java.math.BigDecimal;
import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;

@XmlAccessorType(XmlAccessType.FIELD)
public class Customer {
  public String name;
  public String email;
  public BigDecimal credit;
}
