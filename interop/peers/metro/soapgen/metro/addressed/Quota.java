package soapgen.metro.addressed;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;

@XmlAccessorType(XmlAccessType.FIELD)
public class Quota {
  public int remaining;
  public String requestId;
}
