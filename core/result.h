#pragma once

#include "core/error.h"

#include <expected>

namespace Paddock::Core {

// A value or an Error; no exceptions cross our APIs.
template<class T = void>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(ErrorCode code, const QString &message)
{
    return std::unexpected<Error>(Error{code, message});
}

} // namespace Paddock::Core
