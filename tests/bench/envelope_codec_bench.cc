// How fast an event is wrapped, encoded for XADD and decoded back: the fixed
// cost every published and consumed event pays.
#include <benchmark/benchmark.h>

#include "ansinh/v1/household.pb.h"
#include "events/applied_versions.h"
#include "events/envelope_codec.h"

namespace ansinh::events {
namespace {

v1::Household SampleHousehold() {
  v1::Household household;
  household.set_household_id("HH-000123");
  household.set_code("T05-017");
  household.set_address("12 Kiệt 45 Nguyễn Sinh Cung");
  household.set_residential_group("TDP-05");
  for (int i = 0; i < 4; ++i) {
    auto* member = household.add_members();
    member->set_member_id("M" + std::to_string(i + 1));
    member->set_full_name("Nguyễn Thị Hương");
    member->set_date_of_birth("1980-05-17");
    member->set_national_id("046180001234");
  }
  return household;
}

void BM_EncodeEnvelope(benchmark::State& state) {
  const v1::Household household = SampleHousehold();
  EventContext context;
  context.actor.set_name("officer");
  for (auto _ : state) {
    v1::EventEnvelope envelope = MakeEnvelope(
        context, {"registry.household_registered.v1", "household", "HH-000123", 1, "HH-000123"}, household);
    redis::Args args = XAddCommand("ansinh:{p0}:events:registry", envelope);
    benchmark::DoNotOptimize(args);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EncodeEnvelope);

void BM_DecodeEnvelope(benchmark::State& state) {
  EventContext context;
  v1::EventEnvelope envelope =
      MakeEnvelope(context, {"registry.household_registered.v1", "household", "HH-000123", 1, "HH-000123"},
                   SampleHousehold());
  redis::Args args = XAddCommand("s", envelope);
  StreamEntry entry{"1-0", {}};
  for (size_t i = 3; i + 1 < args.size(); i += 2) entry.fields.emplace_back(args[i], args[i + 1]);
  std::string error;
  for (auto _ : state) {
    auto decoded = DecodeEntry(entry, &error);
    v1::Household payload;
    decoded->payload().UnpackTo(&payload);
    benchmark::DoNotOptimize(payload);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecodeEnvelope);

void BM_AppliedVersionsCheckAndMark(benchmark::State& state) {
  for (auto _ : state) {
    auto versions = AppliedVersions::Parse("41");
    bool seen = versions->Contains(42);
    versions->Add(42);
    std::string text = versions->Serialize();
    benchmark::DoNotOptimize(seen);
    benchmark::DoNotOptimize(text);
  }
}
BENCHMARK(BM_AppliedVersionsCheckAndMark);

}  // namespace
}  // namespace ansinh::events
