package vn.lienthong.core.edxml;

/** The clerk who handled a message ({@code StaffInfo}). */
public record StaffInfo(String department, String staff, String email, String mobile) {

  /** No clerk named. */
  public static final StaffInfo NONE = new StaffInfo("", "", "", "");

  public StaffInfo {
    department = Texts.orEmpty(department);
    staff = Texts.orEmpty(staff);
    email = Texts.orEmpty(email);
    mobile = Texts.orEmpty(mobile);
  }
}
