package soapgen.metro;

import javax.xml.bind.annotation.XmlEnum;

@XmlEnum
public enum Status {
  NEW,
  SHIPPED,
  CANCELLED
}
