#pragma once

#include <QString>

namespace Paddock::Core {

// What kind of failure happened; the message says what to do about it.
enum class ErrorCode {
    InvalidArgument, // the caller (usually the user) gave something malformed
    NotFound,
    AlreadyExists,
    Io,
    Corrupt,     // stored data could not be parsed
    Unavailable, // a needed facility (keychain, KVM, bwrap) is missing
    Denied,      // a policy forbids it
    Conflict,    // e.g. a merge conflict or a dirty working tree
    Cancelled,   // the user stopped it
    Internal,
};

// A failure with a translated, whole-sentence message shown to the user.
struct Error
{
    ErrorCode code = ErrorCode::Internal;
    QString message;
};

} // namespace Paddock::Core
