package soapgen.metro.mtom;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;

@XmlAccessorType(XmlAccessType.FIELD)
public class Receipt {
  public String name;
  public int size;
  public String sha256;
}
