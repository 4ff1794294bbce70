#include "registry/core/demo/household_composer.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "registry/core/demo/vietnamese_names.h"

namespace ansinh::registry::demo {
namespace {

constexpr int kOldestAge = 99;

struct ShapeWeight {
  HouseholdShape shape;
  int weight;
};

// Roughly an urban ward of central Vietnam: about 3.5 people per household,
// many three-generation homes.
constexpr std::array kOrdinaryShapes = {
    ShapeWeight{HouseholdShape::kSingleAdult, 5},
    ShapeWeight{HouseholdShape::kYoungCouple, 7},
    ShapeWeight{HouseholdShape::kCoupleWithChildren, 38},
    ShapeWeight{HouseholdShape::kSingleParent, 6},
    ShapeWeight{HouseholdShape::kThreeGenerations, 14},
    ShapeWeight{HouseholdShape::kElderlyHeadWithFamily, 6},
    ShapeWeight{HouseholdShape::kCoupleWithAdultChildren, 10},
    ShapeWeight{HouseholdShape::kElderlyCouple, 8},
    ShapeWeight{HouseholdShape::kSingleElderly, 6},
};
constexpr std::array kPoorWorkingShapes = {
    ShapeWeight{HouseholdShape::kSingleAdult, 6},
    ShapeWeight{HouseholdShape::kYoungCouple, 4},
    ShapeWeight{HouseholdShape::kCoupleWithChildren, 45},
    ShapeWeight{HouseholdShape::kSingleParent, 20},
    ShapeWeight{HouseholdShape::kThreeGenerations, 15},
    ShapeWeight{HouseholdShape::kElderlyHeadWithFamily, 10},
};
constexpr std::array kNoLabourShapes = {
    ShapeWeight{HouseholdShape::kLoneFrailElderly, 40},
    ShapeWeight{HouseholdShape::kFrailElderlyCouple, 20},
    ShapeWeight{HouseholdShape::kElderlyWithDisabledChild, 15},
    ShapeWeight{HouseholdShape::kGrandparentWithGrandchildren, 15},
    ShapeWeight{HouseholdShape::kDisabledAlone, 10},
};

template <size_t N>
HouseholdShape PickShape(DeterministicRandom& random, const std::array<ShapeWeight, N>& shapes) {
  std::array<int, N> weights;
  for (size_t i = 0; i < N; ++i) weights[i] = shapes[i].weight;
  return shapes[random.WeightedIndex(weights)].shape;
}

v1::Sex Opposite(v1::Sex sex) { return sex == v1::SEX_MALE ? v1::SEX_FEMALE : v1::SEX_MALE; }

v1::Sex MaleWithPerMille(DeterministicRandom& random, int per_mille) {
  return random.ChancePerMille(per_mille) ? v1::SEX_MALE : v1::SEX_FEMALE;
}

int Uniform(DeterministicRandom& random, int low, int high) {
  return static_cast<int>(random.UniformInt(low, std::max(low, high)));
}

// Builds the people of one household.
class Composer {
 public:
  Composer(DeterministicRandom& random, bool poor) : random_(random), poor_(poor) {}

  std::vector<PersonDraft> Compose(HouseholdShape shape) {
    switch (shape) {
      case HouseholdShape::kSingleAdult:
        DrawHead(500, 22, 45);
        break;
      case HouseholdShape::kYoungCouple:
        Couple(Uniform(random_, 22, 40));
        break;
      case HouseholdShape::kCoupleWithChildren: {
        const auto [father, mother] = Couple(Uniform(random_, 25, 55));
        const int count =
            poor_ ? Uniform(random_, 2, 4) : 1 + static_cast<int>(random_.WeightedIndex(kChildCounts));
        Children(count, mother.age, father.family_name, v1::RELATION_TO_HEAD_CHILD, 24);
        break;
      }
      case HouseholdShape::kSingleParent: {
        const Parent parent = DrawHead(200, 25, 50);
        // The absent father's family name, unless the single parent is him.
        const std::string family = parent.sex == v1::SEX_MALE || random_.ChancePerMille(300)
                                       ? parent.family_name
                                       : std::string(PickFamilyName(random_));
        Children(Uniform(random_, 1, poor_ ? 3 : 2), parent.age, family, v1::RELATION_TO_HEAD_CHILD, 24);
        break;
      }
      case HouseholdShape::kThreeGenerations: {
        const auto [father, mother] = Couple(Uniform(random_, 30, 50));
        Children(Uniform(random_, 1, poor_ ? 3 : 2), mother.age, father.family_name,
                 v1::RELATION_TO_HEAD_CHILD, 24);
        HeadsParents();
        break;
      }
      case HouseholdShape::kElderlyHeadWithFamily:
        ElderlyHeadWithFamily();
        break;
      case HouseholdShape::kCoupleWithAdultChildren: {
        const auto [father, mother] = Couple(Uniform(random_, 45, 65));
        const int low = std::max(18, mother.age - 40);
        const int high = std::min(30, mother.age - 20);
        for (int i = Uniform(random_, 1, 2); i > 0; --i) {
          DrawPerson(500, low, high, v1::RELATION_TO_HEAD_CHILD, father.family_name);
        }
        break;
      }
      case HouseholdShape::kElderlyCouple:
        Couple(Uniform(random_, 60, 85), /*min_spouse_age=*/58);
        break;
      case HouseholdShape::kSingleElderly:
        DrawHead(300, 65, 92);
        break;
      case HouseholdShape::kLoneFrailElderly: {
        DrawHead(300, 72, 93);
        people_.back().has_disability = random_.ChancePerMille(200);
        break;
      }
      case HouseholdShape::kFrailElderlyCouple:
        Couple(Uniform(random_, 72, 90), /*min_spouse_age=*/70);
        break;
      case HouseholdShape::kElderlyWithDisabledChild: {
        const Parent parent = DrawHead(300, 68, 88);
        const std::string family =
            parent.sex == v1::SEX_MALE ? parent.family_name : std::string(PickFamilyName(random_));
        PersonDraft& child = DrawPerson(500, std::max(25, parent.age - 40), parent.age - 22,
                                        v1::RELATION_TO_HEAD_CHILD, family);
        child.has_disability = true;
        child.lost_working_capacity = true;
        break;
      }
      case HouseholdShape::kGrandparentWithGrandchildren: {
        const Parent grandparent = DrawHead(300, 66, 82);
        const std::string family =
            grandparent.sex == v1::SEX_MALE ? grandparent.family_name : std::string(PickFamilyName(random_));
        for (int i = Uniform(random_, 1, 2); i > 0; --i) {
          DrawPerson(500, 6, 13, v1::RELATION_TO_HEAD_GRANDCHILD, family);
        }
        break;
      }
      case HouseholdShape::kDisabledAlone: {
        DrawHead(550, 30, 58);
        people_.back().has_disability = true;
        people_.back().lost_working_capacity = true;
        break;
      }
    }
    return std::move(people_);
  }

 private:
  struct Parent {
    v1::Sex sex;
    int age;
    std::string family_name;
  };

  // Weights of 1, 2 and 3 children for households that are not poor.
  static constexpr std::array<int, 3> kChildCounts = {35, 50, 15};

  PersonDraft& Add(v1::Sex sex, int age, v1::RelationToHead relation, std::string_view family_name) {
    PersonDraft person;
    person.sex = sex;
    person.age = std::clamp(age, 0, kOldestAge);
    person.relation = relation;
    person.full_name = std::string(family_name) + " " + PickMiddleAndGivenName(random_, sex, person.age);
    people_.push_back(std::move(person));
    return people_.back();
  }

  // The Draw helpers take every random draw in a written order (age before
  // sex): draws passed as two arguments of one call would follow the
  // compiler's unspecified order of evaluation, and the same seed would give
  // another ward under another compiler.
  Parent DrawHead(int male_per_mille, int min_age, int max_age) {
    const int age = Uniform(random_, min_age, max_age);
    const v1::Sex sex = MaleWithPerMille(random_, male_per_mille);
    return Head(sex, age);
  }

  PersonDraft& DrawPerson(int male_per_mille, int min_age, int max_age, v1::RelationToHead relation,
                          std::string_view family_name) {
    const int age = Uniform(random_, min_age, max_age);
    const v1::Sex sex = MaleWithPerMille(random_, male_per_mille);
    return Add(sex, age, relation, family_name);
  }

  Parent Head(v1::Sex sex, int age) {
    const std::string family(PickFamilyName(random_));
    const PersonDraft& head = Add(sex, age, v1::RELATION_TO_HEAD_HEAD, family);
    return {sex, head.age, family};
  }

  // A married couple, the head usually the husband; wives are up to six years
  // younger. Returns {father, mother}.
  std::pair<Parent, Parent> Couple(int husband_age, int min_spouse_age = 18) {
    const int wife_age = std::max(min_spouse_age, husband_age - Uniform(random_, 0, 6));
    const bool husband_heads = random_.ChancePerMille(800);
    const std::string husband_family(PickFamilyName(random_));
    const std::string wife_family(PickFamilyName(random_));
    if (husband_heads) {
      Add(v1::SEX_MALE, husband_age, v1::RELATION_TO_HEAD_HEAD, husband_family);
      Add(v1::SEX_FEMALE, wife_age, v1::RELATION_TO_HEAD_SPOUSE, wife_family);
    } else {
      Add(v1::SEX_FEMALE, wife_age, v1::RELATION_TO_HEAD_HEAD, wife_family);
      Add(v1::SEX_MALE, husband_age, v1::RELATION_TO_HEAD_SPOUSE, husband_family);
    }
    return {Parent{v1::SEX_MALE, husband_age, husband_family}, Parent{v1::SEX_FEMALE, wife_age, wife_family}};
  }

  // Children born when their mother was 20 to 40, none older than max_age.
  void Children(int count, int mother_age, std::string_view family_name, v1::RelationToHead relation,
                int max_age) {
    const int low = std::max(0, mother_age - 40);
    const int high = std::min(max_age, std::max(0, mother_age - 20));
    for (int i = 0; i < count; ++i) {
      DrawPerson(510, std::min(low, high), high, relation, family_name);
    }
  }

  // One or both elderly parents of the head, who share the head's family
  // name through the father.
  void HeadsParents() {
    const PersonDraft& head = people_.front();
    const std::string head_family = head.full_name.substr(0, head.full_name.find(' '));
    const int father_age = head.age + Uniform(random_, 22, 35);
    const bool both = random_.ChancePerMille(600);
    if (both || random_.ChancePerMille(350)) {
      Add(v1::SEX_MALE, father_age, v1::RELATION_TO_HEAD_PARENT, head_family);
    }
    if (both || people_.back().relation != v1::RELATION_TO_HEAD_PARENT) {
      const std::string mother_family(PickFamilyName(random_));
      Add(v1::SEX_FEMALE, father_age - Uniform(random_, 0, 5), v1::RELATION_TO_HEAD_PARENT, mother_family);
    }
  }

  void ElderlyHeadWithFamily() {
    const Parent head = DrawHead(650, 62, 80);
    if (random_.ChancePerMille(550)) {
      const std::string spouse_family(PickFamilyName(random_));
      Add(Opposite(head.sex), head.age - Uniform(random_, 0, 5), v1::RELATION_TO_HEAD_SPOUSE, spouse_family);
    }
    // The married child's family name: the head's if the head is the father.
    const std::string child_family =
        head.sex == v1::SEX_MALE ? head.family_name : std::string(PickFamilyName(random_));
    const bool son = random_.ChancePerMille(700);
    // At most 50, so the couple stays of working age whatever the statutory
    // retirement age: this shape is also used for poor households that can work.
    const int child_age = Uniform(random_, std::max(22, head.age - 38), std::min(50, head.age - 22));
    const int in_law_age = std::max(20, child_age + (son ? -Uniform(random_, 0, 5) : Uniform(random_, 0, 5)));
    const std::string in_law_family(PickFamilyName(random_));
    Add(son ? v1::SEX_MALE : v1::SEX_FEMALE, child_age, v1::RELATION_TO_HEAD_CHILD, child_family);
    Add(son ? v1::SEX_FEMALE : v1::SEX_MALE, in_law_age, v1::RELATION_TO_HEAD_CHILD_IN_LAW, in_law_family);
    const int mother_age = son ? in_law_age : child_age;
    Children(Uniform(random_, 1, 3), mother_age, son ? child_family : in_law_family,
             v1::RELATION_TO_HEAD_GRANDCHILD, 17);
  }

  DeterministicRandom& random_;
  bool poor_;
  std::vector<PersonDraft> people_;
};

}  // namespace

HouseholdShape PickWorkingShape(DeterministicRandom& random, bool poor) {
  return poor ? PickShape(random, kPoorWorkingShapes) : PickShape(random, kOrdinaryShapes);
}

HouseholdShape PickShapeWithoutLabourCapacity(DeterministicRandom& random) {
  return PickShape(random, kNoLabourShapes);
}

std::vector<PersonDraft> ComposeHousehold(DeterministicRandom& random, HouseholdShape shape, bool poor) {
  return Composer(random, poor).Compose(shape);
}

}  // namespace ansinh::registry::demo
