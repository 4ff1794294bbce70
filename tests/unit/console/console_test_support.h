#pragma once

// What the console's unit tests share: the catalogs of the checkout.

#include <gtest/gtest.h>

#include "i18n/embedded_catalogs.h"
#include "i18n/translator.h"

namespace ansinh::console::testing {

inline const i18n::Translator& Words(i18n::Language language) {
  static const i18n::Translator vietnamese =
      *i18n::MakeTranslator(i18n::Language::kVietnamese, ANSINH_SOURCE_DIR "/locales");
  static const i18n::Translator english =
      *i18n::MakeTranslator(i18n::Language::kEnglish, ANSINH_SOURCE_DIR "/locales");
  return language == i18n::Language::kVietnamese ? vietnamese : english;
}

}  // namespace ansinh::console::testing
