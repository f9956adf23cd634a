package soapgen.axis;

public class Author {
  private String name;
  private int born;

  public String getName() { return name; }
  public void setName(String v) { name = v; }
  public int getBorn() { return born; }
  public void setBorn(int v) { born = v; }
}
