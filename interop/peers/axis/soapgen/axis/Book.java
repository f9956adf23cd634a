package soapgen.axis;

import java.math.BigDecimal;
import java.util.Calendar;

public class Book {
  private String title;
  private Author author;
  private BigDecimal price;
  private String[] tags;
  private Calendar published;
  private boolean available;

  public String getTitle() { return title; }
  public void setTitle(String v) { title = v; }
  public Author getAuthor() { return author; }
  public void setAuthor(Author v) { author = v; }
  public BigDecimal getPrice() { return price; }
  public void setPrice(BigDecimal v) { price = v; }
  public String[] getTags() { return tags; }
  public void setTags(String[] v) { tags = v; }
  public Calendar getPublished() { return published; }
  public void setPublished(Calendar v) { published = v; }
  public boolean isAvailable() { return available; }
  public void setAvailable(boolean v) { available = v; }
}
