#include "ward_stack.h"

namespace ansinh::testing {
namespace {

// The data files each service reads at start-up, as deploy/local/run.sh passes them.
std::vector<std::string> DataFileFlags(const std::string& service) {
  const std::string root = ANSINH_SOURCE_DIR;
  if (service == "classification") return {"--standards-dir", root + "/services/classification/standards"};
  if (service == "assignment") {
    return {"--organizations-file", root + "/services/assignment/config/demo_organizations.json"};
  }
  if (service == "monitoring") return {"--targets-file", root + "/services/monitoring/config/targets.textproto"};
  return {};
}

}  // namespace

const std::vector<std::string>& WardStack::ServiceNames() {
  static const std::vector<std::string> kNames{"registry", "classification", "assignment", "monitoring"};
  return kNames;
}

WardStack::WardStack(std::map<std::string, std::vector<std::string>> extra_args)
    : redis_(std::make_unique<RedisServer>(dir_.path())), extra_args_(std::move(extra_args)) {
  tokens_file_ = tokens_.WriteFile(dir_.path());
}

std::unique_ptr<ServiceProcess> WardStack::MakeService(const std::string& name,
                                                       const std::vector<std::string>& extra) {
  std::vector<std::string> flags = DataFileFlags(name);
  flags.insert(flags.end(), extra.begin(), extra.end());
  return std::make_unique<ServiceProcess>(name, *redis_, tokens_file_, dir_.path(), flags);
}

void WardStack::Start() {
  redis_->Start();
  for (const auto& name : ServiceNames()) {
    services_[name] = MakeService(name, extra_args_[name]);
    services_[name]->Start();
  }
}

void WardStack::Restart(const std::string& name, std::vector<std::string> extra_args) {
  services_.at(name)->Terminate();
  extra_args_[name] = std::move(extra_args);
  services_[name] = MakeService(name, extra_args_[name]);
  services_[name]->Start();
}

ServiceProcess& WardStack::AddInstance(const std::string& name, std::vector<std::string> extra_args) {
  std::vector<std::string> flags = extra_args_[name];
  flags.insert(flags.end(), extra_args.begin(), extra_args.end());
  auto& added = added_instances_[name];
  added.push_back(MakeService(name, flags));
  added.back()->Start();
  return *added.back();
}

std::vector<ServiceProcess*> WardStack::instances(const std::string& name) {
  std::vector<ServiceProcess*> all;
  if (auto first = services_.find(name); first != services_.end()) all.push_back(first->second.get());
  for (const auto& added : added_instances_[name]) all.push_back(added.get());
  return all;
}

}  // namespace ansinh::testing
