#pragma once

#include <string>
#include <string_view>

#include "ansinh/v1/household.pb.h"
#include "registry/core/demo/deterministic_random.h"

namespace ansinh::registry::demo {

// Name and address material for the demo ward, weighted roughly as in
// central Vietnam (the seed ward is in Thừa Thiên Huế).

// A family name (họ), weighted by frequency: Nguyễn about 38%, Trần, Lê,
// Phạm, Hoàng, Huỳnh, Phan, Vũ, Võ, Đặng, Bùi, Đỗ, Hồ, Ngô, Dương, Lý.
std::string_view PickFamilyName(DeterministicRandom& random);

// "Middle Given" (tên đệm + tên) for a person of this sex and age: "Thị"
// and "Văn" are more common among older people.
std::string PickMiddleAndGivenName(DeterministicRandom& random, v1::Sex sex, int age);

// A street of the ward.
std::string_view PickStreet(DeterministicRandom& random);

}  // namespace ansinh::registry::demo
