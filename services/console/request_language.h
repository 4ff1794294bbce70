#pragma once

#include <string_view>

#include "i18n/language.h"

namespace ansinh::console {

// The language to answer a request in: the X-Ansinh-Lang header ("vi" or
// "en", which the web app always sends), else the first of Vietnamese and
// English that Accept-Language prefers (by q weight, then order), else
// Vietnamese, the ward's language.
i18n::Language RequestLanguage(std::string_view ansinh_lang_header, std::string_view accept_language_header);

}  // namespace ansinh::console
