import com.acme.Version

// deploy(target: 'staging'): calls steps (sh, echo), another variable (greet) and a class of src/.
def call(Map args = [:]) {
    String target = args.target ?: 'staging'
    Version version = greet.version()
    sh "echo deploying ${version.tag()} to ${target}"
    echo "deployed ${version} to ${target} as build ${env.BUILD_NUMBER}"
    greet.loudly(target)
    return version
}
