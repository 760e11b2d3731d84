//! Typed ids: the position of a record in the resolved site's lists, one type per kind,
//! so a course's number can never be used to look up a leader.

use super::{Course, Department, Endorsement, Leader, Meeting, Poll, Question, Session};

macro_rules! ids {
    ($($(#[$doc:meta])* $id:ident => $item:ty;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $id(u32);

        impl $id {
            pub fn new(index: usize) -> Self {
                $id(u32::try_from(index).unwrap_or(u32::MAX))
            }

            /// The position in its list.
            pub fn index(self) -> usize {
                self.0 as usize
            }

            /// Every id of a list of `len` items, in order.
            pub fn all(len: usize) -> impl Iterator<Item = $id> {
                (0..len).map($id::new)
            }
        }

        impl std::ops::Index<$id> for [$item] {
            type Output = $item;
            fn index(&self, id: $id) -> &$item {
                &self[id.index()]
            }
        }

        impl std::ops::Index<$id> for Vec<$item> {
            type Output = $item;
            fn index(&self, id: $id) -> &$item {
                &self[id.index()]
            }
        }

        impl std::ops::IndexMut<$id> for [$item] {
            fn index_mut(&mut self, id: $id) -> &mut $item {
                &mut self[id.index()]
            }
        }
    )*};
}

ids! {
    /// A course, in the site's course order (by title).
    CourseId => Course;
    /// A leader, in the site's leader order (by name).
    LeaderId => Leader;
    /// A department, in the site's department order (by name).
    DepartmentId => Department;
    /// An endorsement, in the site's endorsement order (newest first).
    EndorsementId => Endorsement;
    /// A meeting, newest first.
    MeetingId => Meeting;
    /// A poll, newest first.
    PollId => Poll;
    /// A session of one course, in the course's session order (by date).
    SessionId => Session;
    /// A question, in the site's question order.
    QuestionId => Question;
}

/// One outcome of one meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OutcomeRef {
    pub meeting: MeetingId,
    pub outcome: usize,
}

/// One problem of one poll.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ProblemRef {
    pub poll: PollId,
    pub problem: usize,
}
