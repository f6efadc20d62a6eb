/**
 * A resource's identity, which keys its order journal entries and names it in holder records: project, stack,
 * every ancestor's type and name, then its own type and name. Two resources with different URNs never share
 * it (a URN spells the ancestors' types; the names are added so that same-named parents under different
 * grandparents differ too). Computed in the program and sent as the `__resource` input.
 */
import * as pulumi from "@pulumi/pulumi";

/** The type Pulumi gives a program's root resource, which every top-level resource hangs under. */
const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/**
 * The identity of a resource of `type` named `name` with options `opts`. A plain string on purpose: anything
 * built from a parent's URN output would make the resource wait on its parent, and siblings on each other.
 */
export function resourceIdentity(
  type: string,
  name: string,
  opts: pulumi.CustomResourceOptions | undefined,
): string {
  const ancestors: string[] = [];
  for (let parent = opts?.parent; parent; parent = parentOf(parent)) {
    const step = typeAndName(parent);
    if (step && !step.startsWith(`${ROOT_STACK_TYPE}::`)) ancestors.unshift(`${step}/`);
  }
  return `${pulumi.getProject()}/${pulumi.getStack()}/${ancestors.join("")}${type}/${name}`;
}

/** The fields of a resource the SDK keeps for its own bookkeeping that the identity reads. */
interface ResourceFields {
  __parentResource?: pulumi.Resource;
  __pulumiType?: string;
  __name?: string;
}

/** The parent of a resource, as the SDK records it (absent at the top). */
function parentOf(resource: pulumi.Resource): pulumi.Resource | undefined {
  return (resource as unknown as ResourceFields).__parentResource;
}

/**
 * `<type>::<name>` of a resource. `pulumi.resourceType` and `resourceName` are missing from older SDKs, and a
 * resource may have no name (multi-language components): then the fields they read, or nothing.
 */
function typeAndName(resource: pulumi.Resource): string | undefined {
  try {
    return `${pulumi.resourceType(resource)}::${pulumi.resourceName(resource)}`;
  } catch {
    const fields = resource as unknown as ResourceFields;
    return fields.__name ? `${fields.__pulumiType}::${fields.__name}` : undefined;
  }
}
