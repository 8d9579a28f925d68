package org.pcm2.grants.directory;

/** The two kinds of group that run sub-projects. */
public enum GroupKind {
  /** Community-based group of a hamlet (Nhóm cộng đồng). */
  CBG,
  /** Core student group of a school (Nhóm học sinh nòng cốt). */
  STUDENT_GROUP
}
